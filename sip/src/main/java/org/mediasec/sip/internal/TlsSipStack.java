package org.mediasec.sip.internal;

import java.util.Properties;

import javax.sip.PeerUnavailableException;

import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;

/**
 * A JAIN-SIP RI stack using a given {@link NetworkLayer}. The RI only instantiates a network layer
 * by class name ({@code gov.nist.javax.sip.NETWORK_LAYER}, no-argument constructor) or builds an
 * {@code SslNetworkLayer} from key store files; neither can carry a per-stack in-memory
 * {@code SSLContext}, so the layer is set here, before any listening point exists.
 */
public final class TlsSipStack extends SipStackImpl {
    public TlsSipStack(Properties properties, NetworkLayer layer) throws PeerUnavailableException {
        super(properties);
        this.networkLayer = layer;
        layer.setSipStack(this);
    }
}
