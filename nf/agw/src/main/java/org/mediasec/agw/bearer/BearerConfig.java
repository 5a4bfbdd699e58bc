package org.mediasec.agw.bearer;

import java.time.Duration;

import org.mediasec.common.Checks;
import org.mediasec.tls.TlsOptions;

/**
 * Tuning of the bearer data path. Immutable; start from {@link #DEFAULTS}.
 *
 * @param lowWaterMark   a leg whose pending outbound bytes fall to this resumes its peer's reads
 * @param highWaterMark  a leg whose pending outbound bytes exceed this pauses its peer's reads; the
 *                       memory a relay holds per direction is about this plus one socket read
 * @param connectTimeout how long an active leg waits for TCP to connect
 * @param closeTimeout   how long a closing leg may take to flush what it still has to send before
 *                       it is closed anyway
 * @param maxHeldBytes   what a leg may receive before the other leg is established (the bytes that
 *                       came with the end of a TLS handshake); more is a failure
 * @param tls            provider, versions and handshake timeout of the TLS-terminating legs (the
 *                       pinning listener given here is told too)
 * @param maxReadSize    the largest socket read of a leg (Netty's adaptive receive buffer grows up to
 *                       it on a bulk transfer and shrinks back when the traffic is small); a stalled
 *                       direction holds about {@code highWaterMark} plus one such read
 * @param splice         relay two legs that both carry bytes untouched (pass-through or plain TCP, no
 *                       MSRP awareness) by epoll {@code splice}, without copying them into user space
 *                       ({@link SplicedLegs}); ignored on NIO and on any other pair of legs. Off by
 *                       default: on loopback it cut the AGW's CPU per octet by about a third but not
 *                       the transfer time (the receiving peer then does the copy; docs/performance.md)
 */
public record BearerConfig(int lowWaterMark, int highWaterMark, Duration connectTimeout, Duration closeTimeout,
                           int maxHeldBytes, TlsOptions tls, int maxReadSize, boolean splice) {
    /**
     * 64 KiB / 128 KiB water marks, 10 s connect, 5 s close, 256 KiB held, TLS defaults, reads up to
     * 256 KiB. With a high mark of one 64 KiB read (32/64 KiB, before) nearly every read of a bulk
     * transfer paused and resumed reads (~16,000 times per GiB, two {@code epoll_ctl} and a wake-up
     * each); now reads pause only when a flush cannot hand the queue to the socket. Reads of up to
     * 256 KiB make a quarter of the read and write system calls and wake-ups of 64 KiB reads on a bulk
     * transfer (pass-through CPU per octet 0.33-0.48 ns against 0.62-0.85, A/B in the same minutes,
     * docs/performance.md). A stalled direction holds at most 128 KiB plus one read. Splice off.
     */
    public static final BearerConfig DEFAULTS = new BearerConfig(64 * 1024, 128 * 1024, Duration.ofSeconds(10),
            Duration.ofSeconds(5), 256 * 1024, TlsOptions.DEFAULTS, 256 * 1024, false);

    public BearerConfig {
        Checks.positive(lowWaterMark, "lowWaterMark");
        Checks.inRange(highWaterMark, lowWaterMark, 64 * 1024 * 1024, "highWaterMark");
        positive(connectTimeout, "connectTimeout");
        positive(closeTimeout, "closeTimeout");
        Checks.positive(maxHeldBytes, "maxHeldBytes");
        Checks.notNull(tls, "tls");
        Checks.inRange(maxReadSize, 2048, 16 * 1024 * 1024, "maxReadSize");
    }

    private static void positive(Duration d, String name) {
        Checks.notNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: positive)");
        }
    }

    public BearerConfig withWaterMarks(int low, int high) {
        return new BearerConfig(low, high, connectTimeout, closeTimeout, maxHeldBytes, tls, maxReadSize, splice);
    }

    public BearerConfig withConnectTimeout(Duration d) {
        return new BearerConfig(lowWaterMark, highWaterMark, d, closeTimeout, maxHeldBytes, tls, maxReadSize, splice);
    }

    public BearerConfig withCloseTimeout(Duration d) {
        return new BearerConfig(lowWaterMark, highWaterMark, connectTimeout, d, maxHeldBytes, tls, maxReadSize, splice);
    }

    public BearerConfig withMaxReadSize(int maxReadSize) {
        return new BearerConfig(lowWaterMark, highWaterMark, connectTimeout, closeTimeout, maxHeldBytes, tls, maxReadSize, splice);
    }

    public BearerConfig withTls(TlsOptions tls) {
        return new BearerConfig(lowWaterMark, highWaterMark, connectTimeout, closeTimeout, maxHeldBytes, tls, maxReadSize, splice);
    }

    public BearerConfig withSplice(boolean splice) {
        return new BearerConfig(lowWaterMark, highWaterMark, connectTimeout, closeTimeout, maxHeldBytes, tls, maxReadSize, splice);
    }
}
