package com.cloudmusic.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.cloudmusic.engine.procedural.ProceduralEngine;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.LoopFiles;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.RenderedLoop;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class RenditionsTest {

    private static final int[] MPEG1_L3_KBPS = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0};

    private static RenderedLoop loop() {
        LoopSpec spec = new LoopSpec(Mode.GUIDED, LoopType.BASS, 120, 2, "Am", 4, 3, false, false, false, List.of(), "");
        return new ProceduralEngine().render(spec, EngineContext.detached("t"));
    }

    @Test
    void loopFiles_render_producesWavMp3AndPng() {
        LoopFiles files = Renditions.render(loop(), new WavWriter.Info("title", "comment"));

        assertThat(WavFile.parse(files.wav()).info("INAM")).contains("title");
        assertThat(files.mp3Rendition()).isPresent();
        assertThat(files.waveformPng()).isPresent();
    }

    @Test
    void loopFiles_render_givesTheSameBytesEveryTime_andAsEachFileAlone() {
        RenderedLoop loop = loop();
        WavWriter.Info info = new WavWriter.Info("title", "comment");

        LoopFiles first = Renditions.render(loop, info);
        LoopFiles second = Renditions.render(loop, info);

        assertThat(second.wav()).isEqualTo(first.wav()).isEqualTo(WavWriter.write(loop, info));
        assertThat(second.mp3()).isEqualTo(first.mp3())
                .isEqualTo(Mp3Encoder.encode(loop.left(), loop.right(), LoopSpec.SAMPLE_RATE, Renditions.MP3_KBPS));
        assertThat(second.png()).isEqualTo(first.png()).isEqualTo(WaveformPicture.png(loop.left(), loop.right()));
    }

    @Test
    void mp3_hasMpeg1Layer3FramesAt192kbps_coveringTheLoop() {
        RenderedLoop loop = loop();

        byte[] mp3 = Mp3Encoder.encode(loop.left(), loop.right(), LoopSpec.SAMPLE_RATE, 192);

        int pos = 0, frames = 0;
        while (pos + 4 <= mp3.length) {
            int h = (mp3[pos] & 0xFF) << 24 | (mp3[pos + 1] & 0xFF) << 16 | (mp3[pos + 2] & 0xFF) << 8 | mp3[pos + 3] & 0xFF;
            assertThat(h >>> 21).as("frame sync at %d", pos).isEqualTo(0x7FF);
            assertThat((h >>> 19) & 3).as("MPEG-1").isEqualTo(3);
            assertThat((h >>> 17) & 3).as("Layer III").isEqualTo(1);
            int kbps = MPEG1_L3_KBPS[(h >>> 12) & 15];
            assertThat(kbps).isEqualTo(192);
            assertThat((h >>> 10) & 3).as("44.1 kHz").isZero();
            int padding = (h >>> 9) & 1;
            pos += 144 * kbps * 1000 / 44_100 + padding;
            frames++;
        }
        assertThat(pos).isEqualTo(mp3.length);
        double seconds = frames * 1152.0 / 44_100;
        // The encoder adds its delay and padding (and possibly an info frame): at most a few frames more.
        assertThat(seconds).isCloseTo(loop.durationSeconds(), within(0.15));
    }

    @Test
    void mp3_encodesA14SecondLoop_withoutOverflowingItsBufferEstimate() {
        float[] silence = new float[14 * 44_100];

        byte[] mp3 = Mp3Encoder.encode(silence, silence, LoopSpec.SAMPLE_RATE, 160);

        // 160 kbps for 14 s is 280 kB, give or take the encoder's padding.
        assertThat(mp3.length).isBetween(270_000, 290_000);
    }

    @Test
    void waveformPng_readsBackAt1200x240_withDrawnWaveform() throws Exception {
        RenderedLoop loop = loop();

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(WaveformPicture.png(loop.left(), loop.right())));

        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(240);
        assertThat(image.getRGB(600, 120)).isNotEqualTo(image.getRGB(600, 0));
    }
}
