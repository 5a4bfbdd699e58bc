package org.mediasec.h248.iq;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.Descriptor;
import org.mediasec.h248.EventsDescriptor;
import org.mediasec.h248.LocalControlDescriptor;
import org.mediasec.h248.MediaDescriptor;
import org.mediasec.h248.PropertyParm;
import org.mediasec.h248.RequestedEvent;
import org.mediasec.h248.SdpBlock;
import org.mediasec.h248.StreamDescriptor;
import org.mediasec.h248.StreamParms;
import org.mediasec.h248.TerminationId;
import org.mediasec.sdp.Attribute;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.SdpAttributes;

/**
 * The MGC side: builds the Add, Modify and Subtract commands of the Iq procedures ("Reserve (and
 * Configure) AGW Connection Point", "Configure AGW Connection Point", release) from
 * {@link IqTermination}s. One stream ({@link #STREAM_ID}) per termination; the coding is
 * {@code docs/iq-profile.md}.
 *
 * <pre>{@code
 * CommandRequest add = IqCommands.DEFAULT.add(TlsTermination.msrp(Setup.PASSIVE)
 *         .remote(RemoteMedia.of("192.0.2.10", 7394, Setup.ACTIVE, ueFingerprint))
 *         .mode(StreamMode.INACTIVE).events(IqEvents.failuresAndHeartbeat(2001)).build());
 * }</pre>
 */
public final class IqCommands {
    /** The stream id of every Iq stream. */
    public static final int STREAM_ID = 1;

    /** Commands without a PSK coding. */
    public static final IqCommands DEFAULT = new IqCommands(IqProfile.DEFAULT);

    private final IqProfile profile;

    public IqCommands(IqProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    public IqProfile profile() {
        return profile;
    }

    /** {@code Add = $ { ... }}: the MG chooses the termination id. */
    public CommandRequest add(IqTermination t) {
        return add(TerminationId.CHOOSE, t);
    }

    /** {@code Add = <id> { Media { Stream = 1 { LocalControl, Local, Remote } }, Events }}. */
    public CommandRequest add(TerminationId id, IqTermination t) {
        return command(CommandKind.ADD, id, t, true);
    }

    /** {@code Modify} with everything the termination says: LocalControl, Local, Remote (if known), Events. */
    public CommandRequest modify(TerminationId id, IqTermination t) {
        return command(CommandKind.MODIFY, id, t, true);
    }

    /**
     * {@code Modify} with the Remote descriptor (and LocalControl, Events if set) only: the peer's
     * answer arrived and nothing of the MG's own side changes.
     */
    public CommandRequest modifyRemote(TerminationId id, IqTermination t) {
        if (t.remote() == null) {
            throw new IllegalArgumentException("modifyRemote: the termination has no remote");
        }
        return command(CommandKind.MODIFY, id, t, false);
    }

    /** {@code Subtract = <id>}: "Release AGW Termination". */
    public static CommandRequest subtract(TerminationId id) {
        return CommandRequest.of(CommandKind.SUBTRACT, id);
    }

    /** {@code Context = $ { Add = $ {...}, ... }}: a new context with one Add per termination. */
    public ActionRequest reserve(IqTermination... terminations) {
        List<CommandRequest> adds = new ArrayList<>();
        for (IqTermination t : terminations) {
            adds.add(add(t));
        }
        return new ActionRequest(ContextId.CHOOSE, adds);
    }

    /** The Media descriptor of {@code t}: one stream with LocalControl (if any), Local and Remote (if known). */
    public MediaDescriptor media(IqTermination t) {
        return media(t, true);
    }

    /** {@code Events = <rid> { g/cause [, hangterm/thb] }}. */
    public static EventsDescriptor events(IqEvents e) {
        List<RequestedEvent> list = new ArrayList<>();
        list.add(RequestedEvent.of(IqEvents.FAILURE_EVENT));
        if (e.heartbeat()) {
            list.add(RequestedEvent.of(IqEvents.HEARTBEAT_EVENT));
        }
        return new EventsDescriptor(e.requestId(), list);
    }

    /** The Local descriptor's SDP. */
    public static SdpBlock localSdp(IqTermination t) {
        MediaDescription.Builder m = MediaDescription.builder(t.media(), t.local().port(), t.proto(),
                t.formats().toArray(String[]::new));
        if (t.setup() != null) {
            m.add(SdpAttributes.SETUP, t.setup());
        }
        if (t instanceof TlsTermination tls) {
            if (tls.requestLocalFingerprint()) {
                m.addAttribute(new Attribute(SdpAttributes.FINGERPRINT.name(), IqSdp.CHOOSE));
            }
            if (tls.localTlsId() != null) {
                m.add(SdpAttributes.TLS_ID, tls.localTlsId());
            }
        }
        List<String> path = t.localMsrpPath();
        if (!path.isEmpty()) {
            m.add(SdpAttributes.PATH, path);
        }
        return IqSdp.write(t.local().connection(), m.build());
    }

    /** The Remote descriptor's SDP, or null while the remote is unknown. */
    public static SdpBlock remoteSdp(IqTermination t) {
        return t.remote() == null ? null : IqSdp.remote(t.media(), t.proto(), t.formats(), t.remote());
    }

    private CommandRequest command(CommandKind kind, TerminationId id, IqTermination t, boolean withLocal) {
        List<Descriptor> ds = new ArrayList<>();
        ds.add(media(t, withLocal));
        if (t.events() != null) {
            ds.add(events(t.events()));
        }
        return new CommandRequest(false, false, kind, id, ds);
    }

    private MediaDescriptor media(IqTermination t, boolean withLocal) {
        StreamParms parms = new StreamParms(localControl(t), withLocal ? localSdp(t) : null, remoteSdp(t), null);
        return MediaDescriptor.of(new StreamDescriptor(STREAM_ID, parms));
    }

    private LocalControlDescriptor localControl(IqTermination t) {
        List<PropertyParm> props = new ArrayList<>();
        if (t instanceof TlsTermination tls && tls.psk() != null) {
            if (!profile.supportsPsk()) {
                throw new IllegalStateException("a TLS-PSK needs an IqProfile with the PSK properties configured");
            }
            props.add(PropertyParm.of(profile.pskKeyProperty(), tls.psk().key().hex()));
            props.add(PropertyParm.of(profile.pskIdentityProperty(), tls.psk().identity().hex()));
        }
        if (t.mode() == null && props.isEmpty()) {
            return null;
        }
        return new LocalControlDescriptor(t.mode(), null, null, props);
    }
}
