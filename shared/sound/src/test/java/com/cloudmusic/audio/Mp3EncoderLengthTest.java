package com.cloudmusic.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The MP3 rendition for every loop length the API allows (2..30 s, and a little more at slow tempos). */
class Mp3EncoderLengthTest {

    @Test
    void encode_handles16SecondLoops_whereAnIntSizeEstimateOverflowed() {
        float[] silence = new float[16 * 44_100]; // 8 bars at 120 BPM

        byte[] mp3 = Mp3Encoder.encode(silence, silence.clone(), 44_100, 192);

        assertThat(mp3.length).isPositive();
    }
}
