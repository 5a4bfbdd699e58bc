package org.mediasec.ue;

/**
 * Progress of a file being sent. Called on an event loop: be quick and do not block.
 */
@FunctionalInterface
public interface FileProgressListener {
    /** Ignores progress. */
    FileProgressListener NONE = (done, total) -> {
    };

    /** {@code done} octets of {@code total} were written to the connection. */
    void progress(long done, long total);
}
