package org.mediasec.sdp;

import java.util.Base64;
import org.mediasec.common.Bytes;

/**
 * {@code a=key-mgmt} (RFC 4567 §3.1): a key management protocol id and its base64 data, e.g.
 * {@code mikey} and a MIKEY (RFC 3830) / MIKEY-TICKET (RFC 6043) message.
 *
 * <pre>
 * key-mgmt-att-value = 0*1SP prtcl-id SP keymgmt-data
 * prtcl-id           = non-ws-string     ; "mikey"
 * keymgmt-data       = base64
 * </pre>
 *
 * @param protocolId e.g. {@link #MIKEY}
 * @param data       the base64 text as written
 */
public record KeyMgmt(String protocolId, String data) {
    public static final String MIKEY = "mikey";

    public KeyMgmt {
        LineList.checkWord(protocolId, "key-mgmt prtcl-id");
        if (data == null || data.isEmpty()) {
            throw new IllegalArgumentException("key-mgmt: missing keymgmt-data");
        }
        if (data.length() % 4 != 0) {
            throw new IllegalArgumentException("key-mgmt: keymgmt-data is not base64 (length " + data.length()
                    + " is not a multiple of 4)");
        }
        int pad = data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0;
        for (int i = 0; i < data.length() - pad; i++) {
            char c = data.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/')) {
                throw new IllegalArgumentException("key-mgmt: keymgmt-data is not base64 (bad character '" + c + "' at " + i + ")");
            }
        }
    }

    /** {@code mikey} with the base64 of {@code message}. */
    public static KeyMgmt mikey(Bytes message) {
        return new KeyMgmt(MIKEY, Base64.getEncoder().encodeToString(message.toByteArray()));
    }

    public static KeyMgmt parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("key-mgmt: missing value");
        }
        String v = value.startsWith(" ") ? value.substring(1) : value;
        int sp = v.indexOf(' ');
        if (sp <= 0) {
            throw new IllegalArgumentException("key-mgmt: expected \"<prtcl-id> <base64 data>\"");
        }
        return new KeyMgmt(v.substring(0, sp), v.substring(sp + 1));
    }

    /** The decoded key management message. */
    public Bytes decoded() {
        return Bytes.of(Base64.getDecoder().decode(data));
    }

    public String format() {
        return protocolId + ' ' + data;
    }

    @Override
    public String toString() {
        return format();
    }
}
