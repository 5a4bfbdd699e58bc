package org.mediasec.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The tshark command that decodes a lab capture: the key log for TLS ({@code -o tls.keylog_file}),
 * decode-as for the lab's SIP, MEGACO, plain MSRP and TLS ports (the lab uses no standard port), and
 * the Lua mapping that shows decrypted TLS payload as MSRP ({@link CaptureFiles#lua()}).
 * Build it with the ports that really carried each protocol; {@link #arguments()} is the command as
 * a list (for running it), {@link #toString()} the same for a shell.
 */
public final class TsharkRecipe {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

    private final CaptureFiles files;
    private final SortedSet<Integer> sipTcp = new TreeSet<>();
    private final SortedSet<Integer> sipUdp = new TreeSet<>();
    private final SortedSet<Integer> megacoTcp = new TreeSet<>();
    private final SortedSet<Integer> megacoUdp = new TreeSet<>();
    private final SortedSet<Integer> msrp = new TreeSet<>();
    private final SortedSet<Integer> msrpOverTls = new TreeSet<>();
    private final SortedSet<Integer> tlsOnly = new TreeSet<>();

    public TsharkRecipe(CaptureFiles files) {
        this.files = files;
    }

    /** SIP on this port over TCP and UDP. */
    public TsharkRecipe sip(int port) {
        sipTcp.add(port);
        sipUdp.add(port);
        return this;
    }

    /** H.248 text (MEGACO) on this port, over TCP (TPKT) or UDP. */
    public TsharkRecipe megaco(int port, boolean tcp) {
        (tcp ? megacoTcp : megacoUdp).add(port);
        return this;
    }

    /** Plain MSRP on this TCP port. */
    public TsharkRecipe msrp(int port) {
        msrp.add(port);
        return this;
    }

    /** TLS on this TCP port whose decrypted payload is MSRP. */
    public TsharkRecipe msrpOverTls(int port) {
        msrpOverTls.add(port);
        return this;
    }

    /** TLS on this TCP port whose payload is not to be dissected further. */
    public TsharkRecipe tls(int port) {
        tlsOnly.add(port);
        return this;
    }

    /** The ports decoded as TLS with MSRP inside. */
    public SortedSet<Integer> msrpOverTlsPorts() {
        return new TreeSet<>(msrpOverTls);
    }

    /** The ports decoded as plain MSRP. */
    public SortedSet<Integer> msrpPorts() {
        return new TreeSet<>(msrp);
    }

    /** The ports decoded as MEGACO (TCP and UDP). */
    public SortedSet<Integer> megacoPorts() {
        SortedSet<Integer> all = new TreeSet<>(megacoTcp);
        all.addAll(megacoUdp);
        return all;
    }

    /** The ports decoded as SIP. */
    public SortedSet<Integer> sipPorts() {
        SortedSet<Integer> all = new TreeSet<>(sipTcp);
        all.addAll(sipUdp);
        return all;
    }

    /** Everything after {@code tshark}: reading, decode-as, key log and Lua options (no display filter). */
    public List<String> options() {
        List<String> a = new ArrayList<>();
        if (!msrpOverTls.isEmpty()) {
            a.add("-X");
            a.add("lua_script:" + files.lua());
            a.add("-X");
            a.add("lua_script1:" + join(msrpOverTls));
        }
        a.add("-r");
        a.add(files.pcap().toString());
        a.addAll(decodeOptions());
        return a;
    }

    /** The options without {@code -r} and the Lua script: key log and decode-as. */
    public List<String> decodeOptions() {
        List<String> a = new ArrayList<>();
        a.add("-o");
        a.add("tls.keylog_file:" + files.keyLog());
        decode(a, "tcp", sipTcp, "sip");
        decode(a, "udp", sipUdp, "sip");
        decode(a, "tcp", megacoTcp, "megaco");
        decode(a, "udp", megacoUdp, "megaco");
        decode(a, "tcp", msrp, "msrp");
        decode(a, "tcp", msrpOverTls, "tls");
        decode(a, "tcp", tlsOnly, "tls");
        return a;
    }

    /** The Lua options ({@code -X lua_script:...}), empty when no TLS port carries MSRP. */
    public List<String> luaOptions() {
        if (msrpOverTls.isEmpty()) {
            return List.of();
        }
        return List.of("-X", "lua_script:" + files.lua(), "-X", "lua_script1:" + join(msrpOverTls));
    }

    /** The whole command. */
    public List<String> arguments() {
        List<String> a = new ArrayList<>();
        a.add("tshark");
        a.addAll(options());
        return a;
    }

    private static void decode(List<String> a, String transport, SortedSet<Integer> ports, String protocol) {
        for (int p : ports) {
            a.add("-d");
            a.add(transport + ".port==" + p + "," + protocol);
        }
    }

    private static String join(SortedSet<Integer> ports) {
        StringBuilder sb = new StringBuilder();
        for (int p : ports) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(p);
        }
        return sb.toString();
    }

    /** The command for a POSIX shell, one line. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (String s : arguments()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(SAFE.matcher(s).matches() ? s : "'" + s.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}
