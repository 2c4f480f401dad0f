package com.cloudmusic.publish.teaser;

import com.cloudmusic.audio.Mp3Encoder;
import com.cloudmusic.audio.WavFile;
import com.cloudmusic.audio.WaveformPicture;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.MusicalKey;
import com.cloudmusic.tracks.Job;
import com.cloudmusic.tracks.TrackNames;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Cuts a track's teaser: the whole bars that fit in the teaser length (at least one), faded out over
 * the last {@link #FADE_SECONDS}, encoded as MP3 with an ID3v2.3 tag (title, artist, BPM, key, length,
 * cover), and a square waveform cover as JPEG for players and Telegram's thumbnail.
 */
public final class TeaserMaker {

    public static final String ARTIST = "CloudMusic";
    /** MP3 bit rate: a preview, between the 128 and 192 kbps the channels are happy with. */
    public static final int KBPS = 160;
    public static final double FADE_SECONDS = 1.5;
    /** Telegram: a thumbnail's width and height must not exceed 320. */
    public static final int COVER_SIZE = 320;
    /** Telegram: a thumbnail must be less than 200 kB. */
    public static final int MAX_COVER_BYTES = 200_000;

    private final double teaserSeconds;

    /** @param teaserSeconds the longest teaser (TEASER_SECONDS, default 15) */
    public TeaserMaker(double teaserSeconds) {
        if (!(teaserSeconds >= 1 && teaserSeconds <= 60)) {
            throw new IllegalArgumentException("teaserSeconds must be between 1 and 60: " + teaserSeconds);
        }
        this.teaserSeconds = teaserSeconds;
    }

    /** Makes the teaser of a ready track from its stored WAV. */
    public Teaser make(Job job, byte[] wav) {
        float[][] samples = stereo(WavFile.parse(wav));
        int frames = teaserFrames(job.spec(), samples[0].length);
        float[] left = Arrays.copyOf(samples[0], frames);
        float[] right = Arrays.copyOf(samples[1], frames);
        fadeOut(left, right, LoopSpec.SAMPLE_RATE);
        double seconds = frames / (double) LoopSpec.SAMPLE_RATE;

        byte[] cover = cover(left, right);
        String title = title(job);
        String key = MusicalKey.tryParse(job.spec().key()).map(MusicalKey::canonical).orElse(null);
        Id3v2Tag tag = new Id3v2Tag()
                .text("TIT2", title)
                .text("TPE1", ARTIST)
                .text("TBPM", Integer.toString(job.spec().bpm()))
                .text("TLEN", Long.toString(Math.round(seconds * 1000)))
                .text("TSSE", "CloudMusic " + job.engine());
        if (key != null && key.length() <= 3) {
            tag.text("TKEY", key); // ID3v2.3 TKEY: at most three characters, e.g. "Dbm"
        }
        tag.frontCover("image/jpeg", cover);
        byte[] mp3 = tag.prependTo(Mp3Encoder.encode(left, right, LoopSpec.SAMPLE_RATE, KBPS));
        return new Teaser(mp3, cover, seconds, title, TrackNames.teaserFileName(job.spec(), job.id()),
                TrackNames.coverFileName(job.id()));
    }

    /** "Bass loop 124 BPM F#m": what players show as the title. */
    public static String title(Job job) {
        String type = job.spec().type().wireName();
        String label = type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1) + " loop";
        return label + " " + job.spec().bpm() + " BPM " + job.spec().key();
    }

    // Whole bars keep the teaser on the beat; a loop shorter than the teaser length is taken whole.
    int teaserFrames(LoopSpec spec, int available) {
        double barFrames = available / (double) spec.bars();
        int maxFrames = (int) Math.floor(teaserSeconds * LoopSpec.SAMPLE_RATE);
        int bars = Math.max(1, Math.min(spec.bars(), (int) Math.floor(maxFrames / barFrames)));
        return Math.min(available, (int) Math.round(bars * barFrames));
    }

    // Equal-power (cosine) fade, so the level drops smoothly to silence at the last sample.
    static void fadeOut(float[] left, float[] right, int sampleRate) {
        int fade = (int) Math.min(left.length / 4.0, FADE_SECONDS * sampleRate);
        int start = left.length - fade;
        for (int i = 0; i < fade; i++) {
            float gain = (float) Math.cos((i + 1) / (double) fade * Math.PI / 2);
            left[start + i] *= gain;
            right[start + i] *= gain;
        }
    }

    private static float[][] stereo(WavFile wav) {
        float[][] channels = wav.samples();
        if (channels.length == 0 || channels[0].length == 0) {
            throw new IllegalArgumentException("the track's WAV holds no samples");
        }
        return channels.length == 1 ? new float[][] {channels[0], channels[0]} : channels;
    }

    static byte[] cover(float[] left, float[] right) {
        BufferedImage png;
        try {
            png = ImageIO.read(new ByteArrayInputStream(WaveformPicture.png(left, right, COVER_SIZE, COVER_SIZE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // JPEG has no alpha: draw onto a plain RGB image before encoding.
        BufferedImage rgb = new BufferedImage(png.getWidth(), png.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, png.getWidth(), png.getHeight(),
                png.getRGB(0, 0, png.getWidth(), png.getHeight(), null, 0, png.getWidth()), 0, png.getWidth());
        for (float quality = 0.9f; quality > 0.25f; quality -= 0.1f) {
            byte[] jpeg = jpeg(rgb, quality);
            if (jpeg.length <= MAX_COVER_BYTES) {
                return jpeg;
            }
        }
        throw new IllegalStateException("cover does not fit " + MAX_COVER_BYTES + " bytes even at low quality");
    }

    private static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
