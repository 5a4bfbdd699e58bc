package org.mediasec.h248.user;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.MId;
import org.mediasec.h248.ServiceChangeDescriptor.ServiceChangeProfile;
import org.mediasec.h248.Transaction;

/** A registered MG as the MGC application sees it: who it is, and a way to send it commands. */
public final class MgHandle {
    private final H248MediaGatewayController mgc;
    private final InetSocketAddress address;
    private final MId mId;
    private final int version;
    private final ServiceChangeProfile profile;
    volatile boolean alive = true;

    MgHandle(H248MediaGatewayController mgc, InetSocketAddress address, MId mId, int version,
             ServiceChangeProfile profile) {
        this.mgc = mgc;
        this.address = address;
        this.mId = mId;
        this.version = version;
        this.profile = profile;
    }

    /** Transport address of the MG (for TCP, the address of its connection). */
    public InetSocketAddress address() {
        return address;
    }

    /** The MG's mId from its registration. */
    public MId mId() {
        return mId;
    }

    /** The negotiated protocol version. */
    public int version() {
        return version;
    }

    /** The profile the MG registered with, or null. */
    public ServiceChangeProfile profile() {
        return profile;
    }

    /** False once the MG deregistered or was detected as lost. */
    public boolean isAlive() {
        return alive;
    }

    /**
     * Sends one transaction with these actions. The future completes with the MG's reply (an error
     * reply is an ordinary reply) or fails with {@code H248TimeoutException}, in which case the
     * MG is reported lost to {@link MgcUser#mgLost}.
     */
    public CompletableFuture<Transaction.Reply> call(List<ActionRequest> actions) {
        return mgc.call(this, actions);
    }

    public CompletableFuture<Transaction.Reply> call(ActionRequest... actions) {
        return call(List.of(actions));
    }

    /** Sends several transactions in one message; each future completes with its own reply. */
    public List<CompletableFuture<Transaction.Reply>> callAll(List<List<ActionRequest>> transactions) {
        return mgc.callAll(this, transactions);
    }

    /** Hands the MG to another MGC (ServiceChange HandOff with MgcIdToTry, H.248.1 §11.5). */
    public CompletableFuture<Transaction.Reply> handOff(MId newMgc) {
        return mgc.handOff(this, newMgc);
    }

    @Override
    public String toString() {
        return "MG " + mId + " at " + address + " (v" + version + ")";
    }
}
