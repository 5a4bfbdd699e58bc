package org.mediasec.ue;

import java.text.ParseException;
import java.util.ListIterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.MinExpiresHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.mediasec.sip.SipSecurityHeaders;
import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.mediasec.sip.secagree.SecurityHeader;
import org.mediasec.sip.secagree.SecurityHeaderDecodeResult;
import org.mediasec.sip.secagree.SecurityHeaderKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UE's registration: REGISTER with {@code Security-Client: msrp-tls;mediasec, ...} (TS 24.229
 * §7.2A.7), the Security-Server of the 200 kept and echoed as Security-Verify (RFC 3329 §2.3.1: the
 * client "MUST ... copy the content of the Security-Server header field received ... into the
 * Security-Verify header field" of later requests), a refresh at half the granted interval, and a
 * de-registration (Expires 0) at close. One Call-ID for every REGISTER (RFC 3261 §10.2.4: "a UA
 * SHOULD use the same Call-ID for all registrations during a single boot cycle").
 */
final class Registration {
    private static final Logger LOG = LoggerFactory.getLogger(Registration.class);
    /** Retries of a REGISTER answered 423 with Min-Expires (RFC 3261 §10.2.8). */
    private static final int MAX_423_RETRIES = 2;

    private final UeConfig config;
    private final SipRequests requests;
    private final ClientTransactions transactions;
    private final ScheduledExecutorService timer;
    private final Consumer<String> lost;
    private final String callId;
    private final String fromTag = Long.toHexString(Double.doubleToLongBits(Math.random()));
    private volatile RegistrationInfo current;
    private volatile ScheduledFuture<?> refresh;
    private volatile boolean closed;

    Registration(UeConfig config, SipRequests requests, ClientTransactions transactions, ScheduledExecutorService timer,
                 Consumer<String> lost) {
        this.config = config;
        this.requests = requests;
        this.transactions = transactions;
        this.timer = timer;
        this.lost = lost;
        this.callId = requests.newCallId();
    }

    Optional<RegistrationInfo> current() {
        return Optional.ofNullable(current);
    }

    /** Registers (or refreshes) for {@link UeConfig#registerExpires()} seconds. */
    CompletableFuture<RegistrationInfo> register() {
        CompletableFuture<RegistrationInfo> result = new CompletableFuture<>();
        send(config.registerExpires(), result, 0);
        return result.whenComplete((info, err) -> {
            if (err == null) {
                current = info;
                scheduleRefresh(info.expires());
            }
        });
    }

    /** De-registers (Expires 0); completes when answered or failed, never exceptionally. */
    CompletableFuture<Void> unregister() {
        closed = true;
        ScheduledFuture<?> r = refresh;
        if (r != null) {
            r.cancel(false);
        }
        if (current == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<RegistrationInfo> result = new CompletableFuture<>();
        send(0, result, 0);
        current = null;
        return result.handle((i, e) -> {
            if (e != null) {
                LOG.info("[{}] de-registration: {}", config.user(), e.getMessage());
            }
            return null;
        });
    }

    private void scheduleRefresh(int granted) {
        if (closed || granted <= 0) {
            return;
        }
        long delay = Math.max(1, granted / 2);
        refresh = timer.schedule(() -> register().whenComplete((i, e) -> {
            if (e != null) {
                LOG.warn("[{}] registration refresh failed: {}", config.user(), e.getMessage());
                current = null;
                lost.accept(e.getMessage());
            }
        }), delay, TimeUnit.SECONDS);
    }

    private void send(int expires, CompletableFuture<RegistrationInfo> result, int attempt) {
        send(build(expires), expires, result, attempt, false);
    }

    private void send(Request r, int expires, CompletableFuture<RegistrationInfo> result, int attempt, boolean authenticated) {
        transactions.send(r, new ClientTransactions.Handler() {
            @Override
            public void response(ResponseEvent event) {
                Response resp = event.getResponse();
                int status = resp.getStatusCode();
                if (status < 200) {
                    return;
                }
                if (status == Response.INTERVAL_TOO_BRIEF && attempt < MAX_423_RETRIES
                        && resp.getHeader(MinExpiresHeader.NAME) instanceof MinExpiresHeader min) {
                    // RFC 3261 §10.2.8: the UA "MAY retry the registration after updating the expiration
                    // interval ... to be equal to or greater than the expiration interval within the
                    // Min-Expires header field"
                    send(min.getExpires(), result, attempt + 1);
                    return;
                }
                boolean challenge = status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED;
                if (challenge && !authenticated && config.password() != null) {
                    // RFC 3261 §22.2: retry once with credentials (a second challenge means they are wrong)
                    Request retry = build(expires);
                    if (SipDigest.answer(resp, retry, config.user(), config.password(), requests.headers())) {
                        send(retry, expires, result, attempt, true);
                        return;
                    }
                }
                if (status >= 300) {
                    String why = !challenge ? "" : config.password() == null ? " (the registrar wants digest credentials: set password)"
                            : authenticated ? " (credentials refused)" : " (no Digest challenge this UE can answer)";
                    result.completeExceptionally(new UeException("REGISTER " + config.aor() + " via " + config.outboundProxy()
                            + " answered " + status + " " + resp.getReasonPhrase() + why));
                    return;
                }
                result.complete(onOk(resp, expires));
            }

            @Override
            public void failed(String reason) {
                result.completeExceptionally(new UeException("REGISTER " + config.aor() + " via " + config.outboundProxy()
                        + ": " + reason));
            }
        });
    }

    private Request build(int expires) {
        Request r = requests.request(Request.REGISTER, "sip:" + config.domain(), config.aor(), callId, fromTag,
                requests.nextCseq(), false);
        try {
            r.addHeader(requests.contact());
            r.addHeader(requests.headers().createExpiresHeader(expires));
            // TS 24.229 §5.1.1.2.1: the UE indicates support for Path (RFC 3327)
            r.addHeader(requests.headers().createSupportedHeader("path"));
        } catch (InvalidArgumentException | ParseException e) {
            throw new IllegalStateException("REGISTER headers: " + e.getMessage(), e);
        }
        requests.securityClient().ifPresent(sc -> SipSecurityHeaders.add(r, sc));
        requests.addVerify(r);
        return r;
    }

    private RegistrationInfo onOk(Response resp, int asked) {
        SecurityHeaderDecodeResult server = SipSecurityHeaders.read(resp, SecurityHeaderKind.SERVER);
        Optional<SecurityHeader> securityServer = Optional.empty();
        if (server.isMalformed()) {
            LOG.warn("[{}] 200 to REGISTER has a malformed Security-Server ({}); no media-plane security agreed",
                    config.user(), server.errors().get(0));
        } else {
            securityServer = server.header();
        }
        if (asked > 0) {
            requests.securityVerify(securityServer);
            requests.serviceRoute(SipRequests.addressesOf(resp, "Service-Route", requests.addresses()));
        }
        MediaSecCapabilities agreed = securityServer.map(MediaSecCapabilities::from).orElse(MediaSecCapabilities.none())
                .intersect(config.capabilities());
        int granted = granted(resp, asked);
        String contact = requests.contactUri().toString();
        if (asked == 0) {
            LOG.info("[{}] de-registered {}", config.user(), config.aor());
        } else {
            LOG.info("[{}] registered {} for {} s; Security-Server {}; media-plane security agreed: {}", config.user(),
                    config.aor(), granted, securityServer.map(SecurityHeader::value).orElse("(none)"), agreed);
        }
        return new RegistrationInfo(config.aor(), contact, granted, securityServer, agreed);
    }

    /** RFC 3261 §10.2.4: the expires of our Contact in the 200, else the Expires header, else what we asked. */
    private int granted(Response resp, int asked) {
        SipURI mine = requests.contactUri();
        ListIterator<?> it = resp.getHeaders(ContactHeader.NAME);
        while (it != null && it.hasNext()) {
            ContactHeader c = (ContactHeader) it.next();
            if (c.getAddress().getURI() instanceof SipURI u && mine.getHost().equalsIgnoreCase(u.getHost())
                    && mine.getPort() == u.getPort() && c.getExpires() >= 0) {
                return c.getExpires();
            }
        }
        if (resp.getHeader(ExpiresHeader.NAME) instanceof ExpiresHeader e) {
            return e.getExpires();
        }
        return asked;
    }
}
