package org.mediasec.common;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/** An immutable byte string with value equality, for use inside records instead of {@code byte[]}. */
public final class Bytes implements Comparable<Bytes> {
    public static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    public static Bytes of(byte... data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    public static Bytes of(byte[] data, int offset, int length) {
        return new Bytes(Arrays.copyOfRange(data, offset, offset + length));
    }

    public static Bytes utf8(String s) {
        return new Bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public static Bytes fromHex(String hex) {
        return new Bytes(HEX.parseHex(hex.replaceAll("[\\s:]", "")));
    }

    public int size() {
        return data.length;
    }

    public byte get(int index) {
        return data[index];
    }

    public byte[] toByteArray() {
        return data.clone();
    }

    public String hex() {
        return HEX.formatHex(data);
    }

    public String utf8() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(data, o.data);
    }

    @Override
    public String toString() {
        int shown = Math.min(data.length, 16);
        return "[size=" + data.length + " hex=" + HEX.formatHex(data, 0, shown) + (shown < data.length ? "…]" : "]");
    }
}
