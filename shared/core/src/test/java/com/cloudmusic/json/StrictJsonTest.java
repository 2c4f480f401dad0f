package com.cloudmusic.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudmusic.errors.DomainException;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    @Test
    void read_takesOneObject_andKeepsPairedSurrogates() {
        assertThat(StrictJson.read("{\"prompt\":\"\\ud834\\udd1e\"}").get("prompt").asText()).isEqualTo("\uD834\uDD1E");
    }

    @Test
    void read_rejectsContentAfterTheValue_sayingSo() {
        assertThatThrownBy(() -> StrictJson.read("{\"a\":1} xyz"))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("after the value")
                .extracting(e -> ((DomainException) e).code()).isEqualTo("invalid_request");
        assertThatThrownBy(() -> StrictJson.read("{\"a\":1}{\"a\":1}")).isInstanceOf(DomainException.class);
    }

    @Test
    void read_rejectsAnEscapedLoneSurrogate_namingTheField() {
        assertThatThrownBy(() -> StrictJson.read("{\"params\":{\"key\":\"\\ud800\"}}"))
                .isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).field()).isEqualTo("params.key");
    }

    @Test
    void utf8_rejectsAnOverlongNul() {
        assertThatThrownBy(() -> StrictJson.utf8(new byte[] {'"', (byte) 0xC0, (byte) 0x80, '"'}))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void read_rejectsAnEmptyBody() {
        assertThatThrownBy(() -> StrictJson.read("")).isInstanceOf(DomainException.class).hasMessageContaining("empty");
    }
}
