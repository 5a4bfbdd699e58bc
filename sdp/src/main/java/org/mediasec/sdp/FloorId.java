package org.mediasec.sdp;

import java.util.ArrayList;
import java.util.List;
import org.mediasec.common.Checks;

/**
 * {@code a=floorid} (RFC 8856 §5.4): a floor and the labels ({@code a=label}, RFC 4574) of the media
 * streams it controls. Output uses {@code mstrm:}; the RFC 4583 spelling {@code m-stream:} is accepted
 * on input, as RFC 8856 §5.4 recommends ("it is RECOMMENDED to support parsing and interpreting
 * 'm-stream' the same way as 'mstrm' when receiving"). A value without labels ({@code a=floorid:1},
 * seen from RFC 4583 implementations) is read leniently and written the same way.
 *
 * <pre>floor-id = 1*DIGIT SP "mstrm:" token *(SP token)</pre>
 *
 * @param floorId the BFCP floor id, 0..65535
 * @param labels  labels of the controlled streams, possibly empty
 */
public record FloorId(int floorId, List<String> labels) {
    public FloorId {
        Checks.inRange(floorId, 0, 0xFFFF, "floorId");
        labels = List.copyOf(labels);
        for (String l : labels) {
            Checks.token(l, "label");
        }
    }

    public static FloorId of(int floorId, String... labels) {
        return new FloorId(floorId, List.of(labels));
    }

    public static FloorId parse(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("floorid: missing value");
        }
        String[] w = value.split(" ", -1);
        int id = SdpAttributes.parseUnsigned(w[0], 0xFFFF, "floor id");
        List<String> labels = new ArrayList<>();
        if (w.length > 1) {
            String first = w[1];
            String prefix = first.startsWith("mstrm:") ? "mstrm:" : first.startsWith("m-stream:") ? "m-stream:" : null;
            if (prefix == null) {
                throw new IllegalArgumentException("floorid: expected \"mstrm:\" (or legacy \"m-stream:\") after the floor id, got \""
                        + first + "\"");
            }
            labels.add(first.substring(prefix.length()));
            for (int i = 2; i < w.length; i++) {
                labels.add(w[i]);
            }
            for (String l : labels) {
                if (l.isEmpty()) {
                    throw new IllegalArgumentException("floorid: empty stream label (labels are separated by one space)");
                }
                Checks.token(l, "floorid label");
            }
        }
        return new FloorId(id, labels);
    }

    public String format() {
        return labels.isEmpty() ? Integer.toString(floorId) : floorId + " mstrm:" + String.join(" ", labels);
    }

    @Override
    public String toString() {
        return format();
    }
}
