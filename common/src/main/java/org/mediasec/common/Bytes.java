package org.mediasec.common;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
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

    /**
     * Takes ownership of {@code data} without copying it. Only for an array the caller has just
     * created and that nobody else references (e.g. a decoder's freshly filled body array): <b>the
     * caller must not keep, modify or hand out the array afterwards</b>, or the returned value is no
     * longer immutable. Everything else uses {@link #of(byte...)}, which copies.
     */
    public static Bytes ownedBy(byte[] data) {
        return data.length == 0 ? EMPTY : new Bytes(data);
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

    /** A copy of octets {@code [offset, offset + length)}: one copy, no clone of the whole. */
    public Bytes slice(int offset, int length) {
        if (offset == 0 && length == data.length) {
            return this;
        }
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(data, checkRange(offset, length), offset + length));
    }

    /**
     * A read-only view of the octets, position 0, limit {@link #size()}; no copy. Each call returns a
     * new buffer (its position and limit are the caller's); the content cannot be changed through it
     * ({@code put} throws {@link java.nio.ReadOnlyBufferException}, {@code hasArray()} is false).
     */
    public ByteBuffer asReadOnlyByteBuffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /**
     * Writes the octets to {@code out} without a defensive copy. The stream is handed the internal
     * array for the duration of the call ({@code OutputStream.write(byte[])}); the JDK's streams
     * neither keep nor modify it, and a stream that does is a bug of that stream.
     */
    public void writeTo(OutputStream out) throws IOException {
        out.write(data);
    }

    /** Copies octets {@code [offset, offset + length)} into {@code dst} at {@code dstOffset}. */
    public void copyTo(int offset, byte[] dst, int dstOffset, int length) {
        System.arraycopy(data, checkRange(offset, length), dst, dstOffset, length);
    }

    private int checkRange(int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("[" + offset + ", +" + length + ") of " + data.length);
        }
        return offset;
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
