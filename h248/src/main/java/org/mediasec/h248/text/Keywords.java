package org.mediasec.h248.text;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Annex B token table: every long token and its short form (H.248.1 Annex B.2, confirmed
 * against Erlang/OTP megaco_text_tokens.hrl). {@link #canonical(String)} maps either form, in any
 * case, to the long token, which is what the parser compares with.
 */
final class Keywords {
    private Keywords() {
    }

    /** {long, short} pairs. */
    static final String[][] TABLE = {
        {"Add", "A"}, {"ANSLgc", "ANSLgc"}, {"Audit", "AT"}, {"AuditCapability", "AC"}, {"AuditValue", "AV"},
        {"Authentication", "AU"}, {"Both", "B"}, {"Bothway", "BW"}, {"Brief", "BR"}, {"Buffer", "BF"},
        {"Context", "C"}, {"ContextAudit", "CA"}, {"ContextAttr", "CT"}, {"ContextList", "CLT"},
        {"DigitMap", "DM"}, {"SPADirection", "SPADI"}, {"Discard", "DS"}, {"Disconnected", "DC"}, {"Delay", "DL"},
        {"Duration", "DR"}, {"Embed", "EM"}, {"Emergency", "EG"}, {"EmergencyOff", "EGO"},
        {"EmergencyValue", "EGV"}, {"Error", "ER"}, {"EventBuffer", "EB"}, {"Events", "E"}, {"External", "EX"},
        {"Failover", "FL"}, {"Forced", "FO"}, {"Graceful", "GR"}, {"H221", "H221"}, {"H223", "H223"},
        {"H226", "H226"}, {"HandOff", "HO"}, {"IEPSCall", "IEPS"}, {"ImmAckRequired", "IA"}, {"Inactive", "IN"},
        {"Internal", "IT"}, {"Intersignal", "SPAIS"}, {"IntByEvent", "IBE"}, {"IntBySigDescr", "IBS"},
        {"Isolate", "IS"}, {"InService", "IV"}, {"Iteration", "IR"}, {"KeepActive", "KA"}, {"Local", "L"},
        {"LocalControl", "O"}, {"LockStep", "SP"}, {"Loopback", "LB"}, {"Media", "M"}, {"MEGACO", "!"},
        {"Segment", "SM"}, {"Method", "MT"}, {"MgcIdToTry", "MG"}, {"Mode", "MO"}, {"Modify", "MF"},
        {"Modem", "MD"}, {"Move", "MV"}, {"MTP", "MTP"}, {"Mux", "MX"}, {"NeverNotify", "NBNN"},
        {"Notify", "N"}, {"NotifyCompletion", "NC"}, {"ImmediateNotify", "NBIN"}, {"RegulatedNotify", "NBRN"},
        {"Nx64Kservice", "N64"}, {"ObservedEvents", "OE"}, {"OFF", "OFF"}, {"Oneway", "OW"},
        {"OnewayBoth", "OWB"}, {"OnewayExternal", "OWE"}, {"OnOff", "OO"}, {"ORLgc", "ORLgc"}, {"ON", "ON"},
        {"OtherReason", "OR"}, {"OutOfService", "OS"}, {"Packages", "PG"}, {"Pending", "PN"},
        {"Priority", "PR"}, {"Profile", "PF"}, {"Reason", "RE"}, {"ReceiveOnly", "RC"}, {"Reply", "P"},
        {"ResetEventsDescriptor", "RSE"}, {"Restart", "RS"}, {"Remote", "R"}, {"SPARequestID", "SPARQ"},
        {"ReservedGroup", "RG"}, {"ReservedValue", "RV"}, {"END", "&"}, {"SendOnly", "SO"},
        {"SendReceive", "SR"}, {"Services", "SV"}, {"ServiceStates", "SI"}, {"ServiceChange", "SC"},
        {"ServiceChangeAddress", "AD"}, {"ServiceChangeInc", "SIC"}, {"SignalList", "SL"}, {"Signals", "SG"},
        {"SignalType", "SY"}, {"Statistics", "SA"}, {"Stream", "ST"}, {"Subtract", "S"}, {"SynchISDN", "SN"},
        {"TerminationState", "TS"}, {"Test", "TE"}, {"TimeOut", "TO"}, {"Topology", "TP"},
        {"Transaction", "T"}, {"TransactionResponseAck", "K"}, {"V18", "V18"}, {"V22", "V22"},
        {"V22b", "V22b"}, {"V32", "V32"}, {"V32b", "V32b"}, {"V34", "V34"}, {"V76", "V76"}, {"V90", "V90"},
        {"V91", "V91"}, {"Version", "V"},
    };

    private static final Map<String, String> SHORT = new HashMap<>();

    /**
     * Case-insensitive lookup without allocating (the parser asks for every word): an open-addressing
     * table of the lower-case forms, hashed with {@link #hash}. Tokens are ASCII, and so are the
     * words the lexer reads (SafeChars), so ASCII case folding gives what {@code toLowerCase} did.
     */
    private static final int SLOTS = 1024;
    private static final String[] KEYS = new String[SLOTS];
    private static final String[] LONG = new String[SLOTS];
    private static final int MAX_LENGTH;

    static {
        int max = 0;
        for (String[] t : TABLE) {
            put(t[0], t[0]);
            put(t[1], t[0]);
            SHORT.put(t[0], t[1]);
            max = Math.max(max, Math.max(t[0].length(), t[1].length()));
        }
        // Version 1 spelling kept by some peers
        put("AuditCapabilities", "AuditCapability");
        MAX_LENGTH = Math.max(max, "AuditCapabilities".length());
    }

    private static void put(String word, String longToken) {
        String key = word.toLowerCase(Locale.ROOT);
        int i = hash(key, 0, key.length()) & (SLOTS - 1);
        while (KEYS[i] != null && !KEYS[i].equals(key)) {
            i = (i + 1) & (SLOTS - 1);
        }
        KEYS[i] = key;
        LONG[i] = longToken;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    private static int hash(String s, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + lower(s.charAt(i));
        }
        return h ^ (h >>> 10);
    }

    /** The long token for a word in either form and any case, or null. */
    static String canonical(String word) {
        return canonical(word, 0, word.length());
    }

    /** The long token for {@code s[start, end)} in either form and any case, or null. */
    static String canonical(String s, int start, int end) {
        int n = end - start;
        if (n == 0 || n > MAX_LENGTH) {
            return null;
        }
        int i = hash(s, start, end) & (SLOTS - 1);
        String key;
        while ((key = KEYS[i]) != null) {
            if (key.length() == n && matches(key, s, start)) {
                return LONG[i];
            }
            i = (i + 1) & (SLOTS - 1);
        }
        return null;
    }

    private static boolean matches(String key, String s, int start) {
        for (int j = 0; j < key.length(); j++) {
            if (key.charAt(j) != lower(s.charAt(start + j))) {
                return false;
            }
        }
        return true;
    }

    static boolean is(String word, String longToken) {
        return longToken.equals(canonical(word));
    }

    static String shortOf(String longToken) {
        String s = SHORT.get(longToken);
        if (s == null) {
            throw new IllegalArgumentException("no such token " + longToken);
        }
        return s;
    }
}
