package org.mediasec.benchmarks;

/**
 * IMS-AGW load run. Pass-through throughput: a plain socat client sends N octets through an AGW
 * relay with two pass-through legs (bytes untouched) to a socat sink; the same through haproxy in
 * TCP mode in the same run. Bounded by --timeout; every child process is killed at the end.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.mediasec.benchmarks.AgwPassThroughRun
 *      [--size 1g] [--warmup 256m] [--rounds 3] [--water-marks 64k/128k] [--read-size 256k] [--splice no] [--timeout 300]
 * </pre>
 *
 * @see AgwThroughput
 */
public final class AgwPassThroughRun {
    private AgwPassThroughRun() {
    }

    public static void main(String[] args) throws Exception {
        AgwThroughput.run(false, args);
    }
}
