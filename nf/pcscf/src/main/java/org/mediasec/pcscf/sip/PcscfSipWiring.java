package org.mediasec.pcscf.sip;

import java.util.List;
import java.util.concurrent.Executor;

import javax.sip.address.Address;
import javax.sip.address.SipURI;

import org.mediasec.h248.iq.IqCommands;
import org.mediasec.pcscf.SessionView;
import org.mediasec.pcscf.agw.AgwPool;
import org.mediasec.pcscf.alg.ImsAlg;
import org.mediasec.pcscf.config.PcscfConfig;
import org.mediasec.pcscf.registration.MediaSecRegistrations;
import org.mediasec.sip.SipEndpoint;
import org.mediasec.sip.SipTransport;
import org.mediasec.sip.proxy.StatefulProxy;

/** Puts the P-CSCF's SIP parts together on a started endpoint, and is the node's handle on them. */
public final class PcscfSipWiring {
    private final SessionControl sessions;
    private final MediaSecRegistrations registrations;

    private PcscfSipWiring(SessionControl sessions, MediaSecRegistrations registrations) {
        this.sessions = sessions;
        this.registrations = registrations;
    }

    public static PcscfSipWiring wire(PcscfSip listener, SipEndpoint endpoint, StatefulProxy proxy,
                                      MediaSecRegistrations registrations, AgwPool agws, ImsAlg alg, IqCommands commands,
                                      PcscfConfig config, Address core, Executor worker, String tag,
                                      org.mediasec.common.TimerService timers) {
        Contacts contacts = new Contacts(key -> registrations.lookup(key).isPresent());
        SipURI coreUri = (SipURI) core.getURI();
        SipTransport toCore = "tcp".equalsIgnoreCase(coreUri.getTransportParam()) ? SipTransport.TCP : SipTransport.UDP;
        RegistrationHandler registration = new RegistrationHandler(tag, proxy, registrations, contacts,
                proxy.identity().recordRouteUri(toCore), core);
        SecAgree secAgree = new SecAgree(tag, registrations, config.mediasec().requireSecurityVerify());
        SessionControl sessions = new SessionControl(proxy, alg, agws, commands, config.timeouts().agwReply(),
                registrations, new ByeSender(tag, endpoint, proxy.identity()), worker, config.limits().maxSessions(), tag,
                timers, config.limits().maxSessionDuration());
        listener.wire(new PcscfSip.Wiring(tag, proxy, registration, secAgree, sessions, contacts, core));
        return new PcscfSipWiring(sessions, registrations);
    }

    public List<SessionView> sessions() {
        return sessions.views();
    }

    public int registrations() {
        return registrations.size();
    }

    public void releaseAll() {
        sessions.releaseAll();
    }
}
