package org.mediasec.ue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mediasec.common.Bytes;

class CpimTest {
    /** RFC 3862 §2 example, with the MIME entity of a chat text. */
    static final String MESSAGE = "From: MR SANDERS <im:piglet@100akerwood.com>\r\n"
            + "To: Depressed Donkey <im:eeyore@100akerwood.com>\r\n"
            + "DateTime: 2000-12-13T13:40:00-08:00\r\n"
            + "Subject: the weather will be fine today\r\n"
            + "\r\n"
            + "Content-type: text/plain\r\n"
            + "Content-ID: <1234567890@foo.com>\r\n"
            + "\r\n"
            + "Here is the text of my message.";

    @Test
    void unwrapsTheMimeEntity() {
        Cpim.Content c = Cpim.unwrap(Bytes.utf8(MESSAGE)).orElseThrow();
        assertThat(c.contentType()).isEqualTo("text/plain");
        assertThat(c.body().utf8()).isEqualTo("Here is the text of my message.");
        assertThat(Cpim.is("Message/CPIM; charset=utf-8")).isTrue();
        assertThat(Cpim.is("text/plain")).isFalse();
    }

    @Test
    void withoutTheTwoBlankLinesItIsNotCpim() {
        assertThat(Cpim.unwrap(Bytes.utf8("From: a\r\n\r\nno entity"))).isEmpty();
        assertThat(Cpim.unwrap(Bytes.utf8("garbage"))).isEmpty();
        assertThat(Cpim.unwrap(Bytes.EMPTY)).isEmpty();
    }
}
