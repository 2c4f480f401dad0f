package com.cloudmusic.audio;

import de.sciss.jump3r.lowlevel.LameEncoder;
import java.io.ByteArrayOutputStream;
import java.util.Objects;
import javax.sound.sampled.AudioFormat;

/**
 * MP3 renditions (constant bit rate, joint stereo) with jump3r, a pure-Java port of LAME, so no native
 * code ships in the Lambda. Used for the track's MP3 and for teasers.
 */
public final class Mp3Encoder {

    private Mp3Encoder() {
    }

    /**
     * Encodes stereo float samples in [-1, 1].
     *
     * @param kbps a MPEG-1 Layer III bit rate such as 128, 192 or 320
     */
    public static byte[] encode(float[] left, float[] right, int sampleRate, int kbps) {
        Objects.requireNonNull(left, "left == null");
        Objects.requireNonNull(right, "right == null");
        if (left.length != right.length) {
            throw new IllegalArgumentException("channels differ in length");
        }
        AudioFormat source = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, sampleRate, 16, 2, 4, sampleRate, false);
        LameEncoder encoder = new LameEncoder(source, kbps, LameEncoder.CHANNEL_MODE_JOINT_STEREO, LameEncoder.QUALITY_MIDDLE,
                false);
        try {
            int chunkFrames = encoder.getPCMBufferSize() / 4;
            byte[] pcm = new byte[chunkFrames * 4];
            byte[] mp3 = new byte[encoder.getMP3BufferSize()];
            // Expected size in long arithmetic: frames x kbps x 125 overflows an int beyond about 2 s of audio.
            long expected = (long) left.length * kbps * 125 / sampleRate + 4096;
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(expected, Integer.MAX_VALUE - 8));
            for (int start = 0; start < left.length; start += chunkFrames) {
                int frames = Math.min(chunkFrames, left.length - start);
                for (int i = 0; i < frames; i++) {
                    short l = WavWriter.toPcm16(left[start + i]);
                    short r = WavWriter.toPcm16(right[start + i]);
                    int at = i * 4;
                    pcm[at] = (byte) l;
                    pcm[at + 1] = (byte) (l >> 8);
                    pcm[at + 2] = (byte) r;
                    pcm[at + 3] = (byte) (r >> 8);
                }
                int written = encoder.encodeBuffer(pcm, 0, frames * 4, mp3);
                out.write(mp3, 0, written);
            }
            int tail = encoder.encodeFinish(mp3);
            out.write(mp3, 0, tail);
            return out.toByteArray();
        } finally {
            encoder.close();
        }
    }
}
