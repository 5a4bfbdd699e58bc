package org.mediasec.lab;

/**
 * The {@code --pcap} part of a run.
 *
 * @param files   the capture, key log and Lua script
 * @param packets packets dumpcap captured (-1 when unknown)
 * @param tshark  the exact tshark command that decodes the capture (printed in the report)
 * @param failure why the capture is not usable, or {@code null}
 */
public record CaptureReport(CaptureFiles files, long packets, String tshark, String failure) {
    public boolean ok() {
        return failure == null;
    }
}
