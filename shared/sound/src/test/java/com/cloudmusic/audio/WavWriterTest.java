package com.cloudmusic.audio;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.engine.ToneEngine;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.RenderedLoop;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

class WavWriterTest {

    private final LoopSpec spec = new LoopSpec(Mode.GUIDED, LoopType.BASS, 124, 2, "F#m", 5L, 3, true, false, false,
            List.of(), "dark bass");
    private final RenderedLoop loop = new ToneEngine().render(spec, EngineContext.detached("t"));
    private final byte[] wav = WavWriter.write(loop, new WavWriter.Info("CloudMusic bass", "dark bass"));

    @Test
    void toneEngine_rendersWholeBars() {
        assertThat(loop.frames()).isEqualTo(LoopSpec.framesFor(124, 2));
    }

    @Test
    void javaSound_readsItAsPcm16StereoAt44100() throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            assertThat(in.getFormat().getSampleRate()).isEqualTo(44_100f);
            assertThat(in.getFormat().getChannels()).isEqualTo(2);
            assertThat(in.getFormat().getSampleSizeInBits()).isEqualTo(16);
            assertThat(in.getFrameLength()).isEqualTo(loop.frames());
        }
    }

    @Test
    void acidChunk_carriesTempoBeatsAndRootNote() {
        ByteBuffer acid = ByteBuffer.wrap(WavFile.parse(wav).chunk("acid").orElseThrow()).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(acid.getInt(0) & 0x01).as("loop, not one-shot").isZero();
        assertThat(acid.getShort(4)).isEqualTo((short) 54); // F#3
        assertThat(acid.getInt(12)).isEqualTo(8); // 2 bars of 4 beats
        assertThat(acid.getFloat(20)).isEqualTo(124f);
    }

    @Test
    void smplChunk_loopsTheWholeFile() {
        ByteBuffer smpl = ByteBuffer.wrap(WavFile.parse(wav).chunk("smpl").orElseThrow()).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(smpl.getInt(12)).isEqualTo(54); // MIDI unity note
        assertThat(smpl.getInt(28)).isEqualTo(1); // one loop
        assertThat(smpl.getInt(36 + 8)).isZero(); // start
        assertThat(smpl.getInt(36 + 12)).isEqualTo(loop.frames() - 1); // end, inclusive
    }

    @Test
    void infoChunk_namesTitleAndSoftware() {
        WavFile file = WavFile.parse(wav);

        assertThat(file.info("INAM")).contains("CloudMusic bass");
        assertThat(file.info("ISFT")).contains("CloudMusic");
    }
}
