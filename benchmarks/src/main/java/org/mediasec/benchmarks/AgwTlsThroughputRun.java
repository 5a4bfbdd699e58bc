package org.mediasec.benchmarks;

/**
 * IMS-AGW load run. TLS termination throughput: a socat TLS client (UE certificate) sends N octets
 * through the AGW access leg (TLS server pinning the UE) and its plain core leg to a socat sink;
 * the same through haproxy (TLS to TCP, client certificate verified) in the same run. Bounded by
 * --timeout; every child process is killed at the end.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.mediasec.benchmarks.AgwTlsThroughputRun
 *      [--size 1g] [--warmup 256m] [--rounds 3] [--water-marks 64k/128k] [--timeout 300]
 * </pre>
 *
 * @see AgwThroughput
 */
public final class AgwTlsThroughputRun {
    private AgwTlsThroughputRun() {
    }

    public static void main(String[] args) throws Exception {
        AgwThroughput.run(true, args);
    }
}
