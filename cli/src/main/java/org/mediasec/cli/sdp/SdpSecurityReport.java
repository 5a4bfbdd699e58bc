package org.mediasec.cli.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.sdp.Attribute;
import org.mediasec.sdp.AttributeType;
import org.mediasec.sdp.E2aeIndication;
import org.mediasec.sdp.KeyMgmt;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.SdpAttributeException;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sdp.Setup;
import org.mediasec.sdp.TcpConnection;
import org.mediasec.sdp.TlsId;

/**
 * What an SDP asks for, stream by stream, from the media-security point of view, with the
 * problems a telecom engineer would want to hear about before a call fails on them.
 */
public final class SdpSecurityReport {
    /** How bad a finding is: an ERROR makes {@code sdp check} exit non-zero. */
    public enum Severity { ERROR, WARNING }

    /** One finding about one stream (or the session when {@code stream} is -1). */
    public record Finding(Severity severity, int stream, String text) {
        @Override
        public String toString() {
            return (severity == Severity.ERROR ? "error" : "warning") + ": "
                    + (stream < 0 ? "session" : "stream " + stream) + ": " + text;
        }
    }

    private final List<String> lines = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

    private SdpSecurityReport() {
    }

    public static SdpSecurityReport of(SessionDescription sdp) {
        SdpSecurityReport r = new SdpSecurityReport();
        r.describe(sdp);
        return r;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    public long errors() {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
    }

    private void describe(SessionDescription sdp) {
        List<CertificateFingerprint> sessionFps = read(-1, () -> sdp.getAll(SdpAttributes.FINGERPRINT), List.of());
        for (int i = 0; i < sdp.media().size(); i++) {
            describe(sdp, i, sdp.media().get(i), sessionFps);
        }
    }

    private void describe(SessionDescription sdp, int i, MediaDescription m, List<CertificateFingerprint> sessionFps) {
        var proto = m.proto();
        boolean secure = proto.isTls() || proto.isDtls();
        String security = !secure ? "plain" : proto.isDtls() ? "DTLS" : "TLS";
        Optional<E2aeIndication> e2ae = read(i, () -> m.get(SdpAttributes.E2AE), Optional.empty());
        lines.add(String.format("stream %d  %s %s %s  %s%s%s", i, m.media(), m.portText(), proto, security,
                m.isRejected() ? "  (rejected: port 0)" : "",
                e2ae.map(e -> "  e2ae " + e.token()).orElse(secure ? "  e2e (no 3ge2ae)" : "")));

        // RFC 8122 §5: fingerprints at media level override the session level ones.
        List<CertificateFingerprint> mediaFps = read(i, () -> m.getAll(SdpAttributes.FINGERPRINT), List.of());
        List<CertificateFingerprint> fps = mediaFps.isEmpty() ? sessionFps : mediaFps;
        fps.forEach(fp -> lines.add("  fingerprint   " + fp + (mediaFps.isEmpty() ? "  (session level)" : "")));
        Optional<Setup> setup = read(i, () -> m.get(SdpAttributes.SETUP), Optional.empty());
        setup.ifPresent(s -> lines.add("  setup         " + s.token() + "  " + setupMeaning(s, proto.isDtls())));
        Optional<TcpConnection> connection = read(i, () -> m.get(SdpAttributes.CONNECTION), Optional.empty());
        connection.ifPresent(c -> lines.add("  connection    " + c));
        Optional<TlsId> tlsId = read(i, () -> m.get(SdpAttributes.TLS_ID), Optional.empty());
        tlsId.ifPresent(t -> lines.add("  tls-id        " + t.value()));
        Optional<KeyMgmt> keyMgmt = read(i,
                () -> m.get(SdpAttributes.KEY_MGMT).or(() -> sdp.get(SdpAttributes.KEY_MGMT)), Optional.empty());
        keyMgmt.ifPresent(k -> lines.add("  key-mgmt      " + k.protocolId() + " (" + k.data().length() + " base64 chars)"));
        List<String> path = read(i, () -> m.get(SdpAttributes.PATH).orElse(List.of()), List.of());
        if (!path.isEmpty()) {
            lines.add("  path          " + String.join(" ", path));
        }
        if (m.has(SdpAttributes.MSRP_CEMA)) {
            lines.add("  msrp-cema     yes: connect to c=/m=, a=path stays the session identity (RFC 6714)");
        }
        m.attributes().stream()
                .filter(a -> !KNOWN_ABOVE.contains(a.name().toLowerCase(java.util.Locale.ROOT)))
                .forEach(a -> lines.add("  " + pad(a.name()) + (a.isFlag() ? "" : a.value())));
        checkTyped(i, m);

        if (m.isRejected()) {
            return;
        }
        if (secure && fps.isEmpty() && keyMgmt.isEmpty()) {
            error(i, proto + " without a=fingerprint (or a=key-mgmt for TLS-PSK): the peer's certificate "
                    + "cannot be authenticated (RFC 8122 §5)");
        }
        fps.stream().filter(fp -> fp.hashFunction().equals("sha-1") || fp.hashFunction().equals("md5"))
                .forEach(fp -> warn(i, "fingerprint uses " + fp.hashFunction() + "; RFC 8122 §5 wants sha-256 or stronger"));
        fps.stream().filter(fp -> CertificateFingerprint.jcaName(fp.hashFunction()).isEmpty())
                .forEach(fp -> warn(i, "fingerprint hash " + fp.hashFunction() + " is unknown: it can never match"));
        if (e2ae.isPresent() && !secure) {
            warn(i, "a=3ge2ae:" + e2ae.get().token() + " on a non-TLS proto " + proto + " (TS 24.229 pairs it with TLS/DTLS)");
        }
        if (e2ae.isPresent() && !e2ae.get().isKnown()) {
            warn(i, "a=3ge2ae value \"" + e2ae.get().token() + "\" is neither requested nor applied");
        }
        if (proto.isDtls() && !m.has(SdpAttributes.TLS_ID)) {
            warn(i, proto + " without a=tls-id (RFC 8842 §5 wants one in every offer and answer)");
        }
        if (proto.isTcp() && setup.isEmpty()) {
            warn(i, "no a=setup: RFC 4145 §4.1 defaults to active in an offer and passive in an answer");
        }
        if (proto.isMsrp()) {
            if (path.isEmpty()) {
                error(i, "MSRP stream without a=path (RFC 4975 §8.1)");
            }
            for (String p : path) {
                boolean msrps = p.regionMatches(true, 0, "msrps:", 0, 6);
                if (msrps != proto.isTls()) {
                    warn(i, "a=path URI " + p + " scheme does not match proto " + proto);
                }
            }
        }
    }

    /** Every typed attribute the project knows, parsed, so a bad value shows up as an error. */
    private void checkTyped(int i, MediaDescription m) {
        for (Attribute a : m.attributes()) {
            AttributeType<?> type = TYPED.get(a.name().toLowerCase(java.util.Locale.ROOT));
            if (type != null) {
                try {
                    type.read(a);
                } catch (SdpAttributeException e) {
                    error(i, "a=" + a.text() + ": " + e.getMessage());
                }
            }
        }
    }

    private static String setupMeaning(Setup s, boolean dtls) {
        return switch (s) {
            case ACTIVE -> dtls ? "(this side is the DTLS client)" : "(this side opens the TCP connection and is the TLS client)";
            case PASSIVE -> dtls ? "(this side is the DTLS server)" : "(this side accepts the TCP connection and is the TLS server)";
            case ACTPASS -> "(the answerer chooses who connects; RFC 4145 §4.1)";
            case HOLDCONN -> "(no connection for now)";
        };
    }

    /** Every public AttributeType constant of {@link SdpAttributes}, by lower-case name. */
    private static final java.util.Map<String, AttributeType<?>> TYPED = typedAttributes();

    private static java.util.Map<String, AttributeType<?>> typedAttributes() {
        java.util.Map<String, AttributeType<?>> out = new java.util.HashMap<>();
        for (java.lang.reflect.Field f : SdpAttributes.class.getFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) && AttributeType.class.isAssignableFrom(f.getType())) {
                try {
                    AttributeType<?> t = (AttributeType<?>) f.get(null);
                    out.put(t.name().toLowerCase(java.util.Locale.ROOT), t);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return java.util.Map.copyOf(out);
    }

    private static final java.util.Set<String> KNOWN_ABOVE = java.util.Set.of(
            "fingerprint", "setup", "connection", "tls-id", "key-mgmt", "path", "msrp-cema", "3ge2ae");

    private static String pad(String name) {
        return name.length() >= 13 ? name + " " : name + " ".repeat(14 - name.length());
    }

    /** A typed read whose failure becomes an ERROR finding instead of an exception. */
    private <T> T read(int stream, Supplier<T> reader, T fallback) {
        try {
            return reader.get();
        } catch (SdpAttributeException e) {
            // reported once per attribute by checkTyped (media) or here (session)
            if (stream < 0) {
                error(stream, e.getMessage());
            }
            return fallback;
        }
    }

    private void error(int stream, String text) {
        findings.add(new Finding(Severity.ERROR, stream, text));
    }

    private void warn(int stream, String text) {
        findings.add(new Finding(Severity.WARNING, stream, text));
    }
}
