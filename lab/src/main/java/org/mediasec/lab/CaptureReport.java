package org.mediasec.lab;

/**
 * The {@code --pcap} part of a run.
 *
 * @param files   the capture, key log and Lua script
 * @param packets packets dumpcap captured (-1 when unknown)
 * @param dropped packets dumpcap or the kernel dropped (-1 when unknown); more than 0 makes the capture unusable
 * @param tshark  the tshark command that decodes the capture (printed in the report), or {@code null}
 * @param failure why the capture is not usable, or {@code null}
 */
public record CaptureReport(CaptureFiles files, long packets, long dropped, TsharkRecipe tshark, String failure) {
    public boolean ok() {
        return failure == null;
    }
}
