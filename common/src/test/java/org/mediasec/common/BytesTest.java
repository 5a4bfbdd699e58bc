package org.mediasec.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;

import org.junit.jupiter.api.Test;

class BytesTest {

    @Test
    void ofCopiesTheArray() {
        byte[] a = {1, 2, 3};
        Bytes b = Bytes.of(a);
        a[0] = 9;
        assertThat(b.get(0)).isEqualTo((byte) 1);
        b.toByteArray()[1] = 9;
        assertThat(b).isEqualTo(bs(1, 2, 3));
    }

    @Test
    void ownedByTakesTheArrayAndEqualsACopy() {
        byte[] fresh = {1, 2, 3};
        Bytes owned = Bytes.ownedBy(fresh);
        assertThat(owned).isEqualTo(bs(1, 2, 3)).hasSameHashCodeAs(bs(1, 2, 3));
        assertThat(owned.compareTo(bs(1, 2, 3))).isZero();
        assertThat(Bytes.ownedBy(new byte[0])).isSameAs(Bytes.EMPTY);
    }

    @Test
    void readOnlyViewCannotChangeTheContent() {
        Bytes b = bs(1, 2, 3);
        ByteBuffer view = b.asReadOnlyByteBuffer();
        assertThat(view.isReadOnly()).isTrue();
        assertThat(view.hasArray()).isFalse();
        assertThat(view.position()).isZero();
        assertThat(view.remaining()).isEqualTo(3);
        assertThatThrownBy(() -> view.put(0, (byte) 9)).isInstanceOf(ReadOnlyBufferException.class);
        assertThatThrownBy(() -> view.put((byte) 9)).isInstanceOf(ReadOnlyBufferException.class);
        assertThatThrownBy(view::array).isInstanceOf(ReadOnlyBufferException.class);
        // moving the view's position does not affect the value or a second view
        view.get();
        view.limit(2);
        assertThat(b.asReadOnlyByteBuffer().remaining()).isEqualTo(3);
        assertThat(b).isEqualTo(bs(1, 2, 3)).hasSameHashCodeAs(bs(1, 2, 3));
        assertThat(view.duplicate().isReadOnly()).isTrue();
        assertThat(view.slice().isReadOnly()).isTrue();
        assertThat(Bytes.EMPTY.asReadOnlyByteBuffer().remaining()).isZero();
    }

    @Test
    void readOnlyViewCopiesOut() {
        Bytes b = Bytes.utf8("hello");
        byte[] dst = new byte[5];
        b.asReadOnlyByteBuffer().get(dst);
        assertThat(dst).isEqualTo(b.toByteArray());
    }

    @Test
    void writeToWritesEveryOctet() throws IOException {
        Bytes b = Bytes.fromHex("00ff10");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        b.writeTo(out);
        assertThat(out.toByteArray()).containsExactly(0x00, 0xff, 0x10);
        out.toByteArray()[0] = 7;
        assertThat(b).isEqualTo(Bytes.fromHex("00ff10"));
    }

    @Test
    void sliceAndCopyTo() {
        Bytes b = bs(0, 1, 2, 3, 4);
        assertThat(b.slice(1, 3)).isEqualTo(bs(1, 2, 3));
        assertThat(b.slice(0, 5)).isSameAs(b);
        assertThat(b.slice(5, 0)).isSameAs(Bytes.EMPTY);
        assertThatThrownBy(() -> b.slice(4, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> b.slice(-1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        byte[] dst = new byte[4];
        b.copyTo(2, dst, 1, 3);
        assertThat(dst).containsExactly(0, 2, 3, 4);
        assertThatThrownBy(() -> b.copyTo(3, dst, 0, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static Bytes bs(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return Bytes.of(b);
    }
}
