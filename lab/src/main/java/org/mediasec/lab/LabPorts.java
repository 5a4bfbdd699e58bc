package org.mediasec.lab;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Where every network function of the lab listens: one block of {@link #SPAN} ports from a base,
 * laid out as the files in {@code examples/lab/} say (they are written for {@link #DEFAULT_BASE}).
 * The default block, 31000-31499, sits below Linux's ephemeral range (32768-60999), so no outgoing
 * connection of another process can hold one of its ports.
 *
 * <pre>
 *   base+0   core SIP            base+10  P-CSCF A SIP      base+20  P-CSCF B SIP
 *   base+9   capture probe       base+11  P-CSCF A H.248    base+21  P-CSCF B H.248
 *                                base+12  AGW A H.248       base+22  AGW B H.248
 *   base+30  UE-A SIP            base+40  UE-B SIP
 *   base+31  UE-A MSRP           base+41  UE-B MSRP
 *   base+100..199 AGW A access   base+200..299 AGW A core   base+300..399 AGW B access   base+400..499 AGW B core
 * </pre>
 *
 * @param base the first port of the block
 */
public record LabPorts(int base) {
    /** The base the example files are written for. */
    public static final int DEFAULT_BASE = 31000;
    /** Ports in the block. */
    public static final int SPAN = 500;

    public LabPorts {
        if (base < 1024 || base + SPAN - 1 > 65535) {
            throw new IllegalArgumentException("base port: " + base + " (expected: 1024.." + (65536 - SPAN) + ")");
        }
    }

    public static LabPorts defaults() {
        return new LabPorts(DEFAULT_BASE);
    }

    /** How far every port of the example files moves. */
    public int shift() {
        return base - DEFAULT_BASE;
    }

    /** A port of the example files, moved to this block. */
    public int moved(int examplePort) {
        int p = examplePort + shift();
        if (examplePort < DEFAULT_BASE || examplePort >= DEFAULT_BASE + SPAN) {
            throw new IllegalArgumentException("port " + examplePort + " of an example file is outside the lab block "
                    + DEFAULT_BASE + "-" + (DEFAULT_BASE + SPAN - 1));
        }
        return p;
    }

    public int last() {
        return base + SPAN - 1;
    }

    public int coreSip() {
        return base;
    }

    /** A listener of the capture's readiness probe (nothing else uses it). */
    public int captureProbe() {
        return base + 9;
    }

    /** The BPF filter that captures every leg of the lab (every leg has one end in the block). */
    public String captureFilter() {
        return "tcp portrange " + base + "-" + last() + " or udp portrange " + base + "-" + last();
    }

    /**
     * The ports of the block that are bound (TCP or UDP) on 127.0.0.1 now, among {@code ports}; empty
     * when the lab can start. Checks by binding each one for a moment.
     */
    public static List<Integer> busy(List<Integer> ports) {
        List<Integer> busy = new ArrayList<>();
        InetAddress lo = InetAddress.getLoopbackAddress();
        for (int p : ports) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(lo, p));
            } catch (IOException e) {
                busy.add(p);
                continue;
            }
            try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(lo, p))) {
                d.getLocalPort();
            } catch (IOException e) {
                busy.add(p);
            }
        }
        return busy;
    }

    /** The fixed (signalling and probe) ports of this block. */
    public List<Integer> fixedPorts() {
        List<Integer> l = new ArrayList<>();
        for (int off : new int[] {0, 9, 10, 11, 12, 20, 21, 22, 30, 31, 40, 41}) {
            l.add(base + off);
        }
        return l;
    }

    /** A block whose fixed ports are free now, trying {@code first}, then every next block (for tests). */
    public static LabPorts freeBlock(int first) {
        for (int b = first; b + SPAN - 1 <= 65535; b += SPAN) {
            LabPorts p = new LabPorts(b);
            if (busy(p.fixedPorts()).isEmpty()) {
                return p;
            }
        }
        throw new IllegalStateException("no free block of " + SPAN + " ports from " + first);
    }
}
