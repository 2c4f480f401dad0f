package com.cloudmusic.publish.teaser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.cloudmusic.audio.Mp3Decoder;
import com.cloudmusic.audio.WavWriter;
import com.cloudmusic.engine.procedural.ProceduralEngine;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.RenderedLoop;
import com.cloudmusic.quota.Charge;
import com.cloudmusic.tracks.Job;
import com.cloudmusic.tracks.TrackStatus;
import com.mpatric.mp3agic.ID3v2;
import com.mpatric.mp3agic.Mp3File;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeaserMakerTest {

    private static final String ID = "0f8e2c1a-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final TeaserMaker MAKER = new TeaserMaker(15);

    /** 12 bars at 120 BPM: 24 s, of which 7 whole bars (14 s) fit in a 15 s teaser. */
    private static Job longJob;
    private static Teaser longTeaser;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeLongTeaser() {
        longJob = job(LoopType.BASS, 120, 12, "F#m");
        longTeaser = MAKER.make(longJob, wav(longJob));
    }

    static Job job(LoopType type, int bpm, int bars, String key) {
        LoopSpec spec = new LoopSpec(Mode.GUIDED, type, bpm, bars, key, 7, 4, false, false, true, List.of(),
                type.wireName() + " loop");
        Instant at = Instant.parse("2026-11-24T09:00:00Z");
        return new Job(ID, "someone", TrackStatus.READY, spec, Map.of(), null, true, Charge.credit(), "procedural",
                null, true, true, null, null, at, at, null);
    }

    static byte[] wav(Job job) {
        RenderedLoop loop = new ProceduralEngine().render(job.spec(), EngineContext.detached(job.id()));
        return WavWriter.write(loop, new WavWriter.Info("t", null));
    }

    /** The teaser decoded by JLayer, an MP3 decoder independent of the encoder: mono mix at 44.1 kHz. */
    static float[] decode(byte[] mp3) throws Exception {
        Bitstream stream = new Bitstream(new ByteArrayInputStream(mp3));
        Decoder decoder = new Decoder();
        float[] out = new float[44_100 * 40];
        int frames = 0;
        Header header;
        while ((header = stream.readFrame()) != null) {
            assertThat(header.frequency()).isEqualTo(44_100);
            SampleBuffer buffer = (SampleBuffer) decoder.decodeFrame(header, stream);
            short[] pcm = buffer.getBuffer();
            int channels = buffer.getChannelCount();
            for (int i = 0; i + channels - 1 < buffer.getBufferLength(); i += channels) {
                float sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += pcm[i + c] / 32768f;
                }
                out[frames++] = sum / channels;
            }
            stream.closeFrame();
        }
        return java.util.Arrays.copyOf(out, frames);
    }

    private static double rms(float[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += samples[i] * samples[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    @Test
    void teaser_decodesToTheWholeBarsThatFitIn15s() throws Exception {
        float[] pcm = decode(longTeaser.mp3());

        double seconds = pcm.length / 44_100.0;
        // 7 bars of 2 s; the encoder adds its delay and padding (a few frames of 26 ms).
        assertThat(longTeaser.durationSeconds()).isCloseTo(14.0, within(0.001));
        assertThat(seconds).isBetween(14.0, 14.2);
    }

    @Test
    void teaser_isTheWholeLoop_whenTheLoopIsShorterThanTheTeaserLength() throws Exception {
        Job shortJob = job(LoopType.KICK, 120, 4, "C");

        Teaser teaser = MAKER.make(shortJob, wav(shortJob));

        assertThat(teaser.durationSeconds()).isCloseTo(8.0, within(0.001));
        assertThat(decode(teaser.mp3()).length / 44_100.0).isBetween(8.0, 8.2);
    }

    @Test
    void teaser_decodesGaplessly_toExactlyItsFrames_pastTheId3Tag() {
        int frames = (int) Math.round(longTeaser.durationSeconds() * 44_100);

        Mp3Decoder.Decoded decoded = Mp3Decoder.decode(longTeaser.mp3());

        assertThat(decoded.tagged()).isTrue();
        assertThat(decoded.frames()).isEqualTo(frames);
    }

    @Test
    void teaser_neverExceedsTheConfiguredLength_atSlowTempo() {
        Job slow = job(LoopType.TEXTURE, 70, 8, "Am");

        Teaser teaser = new TeaserMaker(10).make(slow, wav(slow));

        // A bar at 70 BPM is 3.43 s: two bars (6.9 s) fit in 10 s, three do not.
        assertThat(teaser.durationSeconds()).isCloseTo(2 * 240.0 / 70, within(0.001));
    }

    @Test
    void teaser_fadesOut_quieterAtTheEndThanInTheMiddle() throws Exception {
        float[] pcm = decode(longTeaser.mp3());

        int second = 44_100;
        double middle = rms(pcm, pcm.length / 2 - second / 2, pcm.length / 2 + second / 2);
        double lastTenth = rms(pcm, pcm.length - second / 10, pcm.length);
        double fadeMiddle = rms(pcm, pcm.length - (int) (0.9 * second), pcm.length - (int) (0.6 * second));

        assertThat(middle).isGreaterThan(0.02);
        assertThat(lastTenth).isLessThan(middle * 0.1);
        assertThat(fadeMiddle).isLessThan(middle).isGreaterThan(lastTenth);
    }

    @Test
    void teaser_carriesId3v23TitleArtistBpmKeyAndCover() throws Exception {
        Path file = dir.resolve("teaser.mp3");
        Files.write(file, longTeaser.mp3());

        Mp3File mp3 = new Mp3File(file.toFile());

        assertThat(mp3.hasId3v2Tag()).isTrue();
        ID3v2 tag = mp3.getId3v2Tag();
        assertThat(tag.getVersion()).isEqualTo("3.0");
        assertThat(tag.getTitle()).isEqualTo("Bass loop 120 BPM F#m").isEqualTo(longTeaser.title());
        assertThat(tag.getArtist()).isEqualTo("CloudMusic");
        assertThat(tag.getBPM()).isEqualTo(120);
        assertThat(tag.getKey()).isEqualTo("F#m");
        byte[] tlen = tag.getFrameSets().get("TLEN").getFrames().get(0).getData();
        assertThat(new String(tlen, 1, tlen.length - 1, java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("TLEN in ms").isEqualTo("14000");
        assertThat(tag.getAlbumImageMimeType()).isEqualTo("image/jpeg");
        assertThat(tag.getAlbumImage()).isEqualTo(longTeaser.cover());
        assertThat(mp3.getSampleRate()).isEqualTo(44_100);
        assertThat(mp3.getBitrate()).isEqualTo(TeaserMaker.KBPS);
    }

    @Test
    void id3Tag_writesNonLatinTitleAsUtf16() throws Exception {
        byte[] tagged = new Id3v2Tag().text("TIT2", "Nachtbass 夜 ♫").text("TPE1", "CloudMusic")
                .prependTo(longTeaser.mp3().clone());
        Path file = dir.resolve("utf16.mp3");
        Files.write(file, tagged);

        ID3v2 tag = new Mp3File(file.toFile()).getId3v2Tag();

        assertThat(tag.getTitle()).isEqualTo("Nachtbass 夜 ♫");
    }

    @Test
    void cover_isJpegOfAtMost320pxAnd200kB_showingTheWaveform() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(longTeaser.cover()));

        assertThat(longTeaser.cover()).hasSizeLessThanOrEqualTo(200_000);
        assertThat(longTeaser.cover()[0]).isEqualTo((byte) 0xFF);
        assertThat(longTeaser.cover()[1]).isEqualTo((byte) 0xD8);
        assertThat(image.getWidth()).isLessThanOrEqualTo(320);
        assertThat(image.getHeight()).isLessThanOrEqualTo(320);
        assertThat(image.getRGB(image.getWidth() / 4, image.getHeight() / 2))
                .as("waveform drawn in the middle row").isNotEqualTo(image.getRGB(image.getWidth() / 4, 0));
    }

    @Test
    void teaser_fileNamesSayWhatItIs() {
        assertThat(longTeaser.mp3FileName()).isEqualTo("cloudmusic_bass_120bpm_Fsharpm_teaser_0f8e2c1a.mp3");
        assertThat(longTeaser.coverFileName()).isEqualTo("cloudmusic_cover_0f8e2c1a.jpg");
    }
}
