package com.cloudmusic.audio;

import com.cloudmusic.engine.procedural.Measure;
import com.cloudmusic.engine.procedural.ProceduralEngine;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.RenderedLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * MP3 settings side by side: encoding time per 30 s loop and, decoded back with jump3r's own decoder, the
 * coding noise relative to the signal per third-octave band (mean over bands and frames; lower is
 * better). Run after test-compile:
 * <pre>
 * java -cp shared/core/target/classes:shared/sound/target/classes:shared/sound/target/test-classes:$HOME/.m2/repository/de/sciss/jump3r/1.0.5/jump3r-1.0.5.jar \
 *     com.cloudmusic.audio.Mp3Bench
 * </pre>
 */
public final class Mp3Bench {

    public static void main(String[] args) {
        List<RenderedLoop> loops = new ArrayList<>();
        for (LoopType type : LoopType.values()) {
            loops.add(new ProceduralEngine().render(new LoopSpec(Mode.GUIDED, type, 120, 15, "F#m", 42, 3, false, type == LoopType.TEXTURE, false, List.of(), ""),
                    EngineContext.detached("bench")));
        }
        int[][] settings = {{192, 5}, {192, 7}, {160, 5}, {160, 7}, {128, 7}};
        for (int[] s : settings) {
            for (RenderedLoop loop : loops) {
                Mp3Encoder.encode(loop.left(), loop.right(), 44_100, s[0], s[1]);
            }
        }
        for (RenderedLoop loop : loops) {
            viaLameEncoderWrapper(loop.left(), loop.right());
        }
        double before = 0;
        for (RenderedLoop loop : loops) {
            before += noiseToSignalDb(loop.left(), decodeLeft(viaLameEncoderWrapper(loop.left(), loop.right()), loop.frames()));
        }
        System.out.printf("LameEncoder 192 kbps q5: noise/signal %.1f dB%n", before / loops.size());
        for (int[] s : settings) {
            long t0 = System.nanoTime();
            double noise = 0;
            for (RenderedLoop loop : loops) {
                byte[] mp3 = Mp3Encoder.encode(loop.left(), loop.right(), 44_100, s[0], s[1]);
                noise += noiseToSignalDb(loop.left(), decodeLeft(mp3, loop.frames()));
            }
            double ms = (System.nanoTime() - t0) / 1e6 / loops.size();
            System.out.printf("%d kbps q%d: %.0f ms per 30 s loop (incl. decode), noise/signal %.1f dB%n", s[0], s[1], ms, noise / loops.size());
        }
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (RenderedLoop loop : loops) {
                viaLameEncoderWrapper(loop.left(), loop.right());
            }
            System.out.printf("192 kbps q5 through LameEncoder (with ReplayGain analysis): encode %.0f ms per 30 s loop%n",
                    (System.nanoTime() - t0) / 1e6 / loops.size());
            for (int[] s : settings) {
                t0 = System.nanoTime();
                for (RenderedLoop loop : loops) {
                    Mp3Encoder.encode(loop.left(), loop.right(), 44_100, s[0], s[1]);
                }
                System.out.printf("%d kbps q%d: encode %.0f ms per 30 s loop%n", s[0], s[1], (System.nanoTime() - t0) / 1e6 / loops.size());
            }
        }
    }

    /** The previous implementation: jump3r's LameEncoder wrapper fed interleaved 16-bit bytes. */
    static byte[] viaLameEncoderWrapper(float[] left, float[] right) {
        javax.sound.sampled.AudioFormat source = new javax.sound.sampled.AudioFormat(
                javax.sound.sampled.AudioFormat.Encoding.PCM_SIGNED, 44_100, 16, 2, 4, 44_100, false);
        de.sciss.jump3r.lowlevel.LameEncoder encoder = new de.sciss.jump3r.lowlevel.LameEncoder(source, 192,
                de.sciss.jump3r.lowlevel.LameEncoder.CHANNEL_MODE_JOINT_STEREO, de.sciss.jump3r.lowlevel.LameEncoder.QUALITY_MIDDLE, false);
        int chunkFrames = encoder.getPCMBufferSize() / 4;
        byte[] pcm = new byte[chunkFrames * 4];
        byte[] mp3 = new byte[encoder.getMP3BufferSize()];
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int start = 0; start < left.length; start += chunkFrames) {
            int frames = Math.min(chunkFrames, left.length - start);
            for (int i = 0; i < frames; i++) {
                short l = WavWriter.toPcm16(left[start + i]);
                short r = WavWriter.toPcm16(right[start + i]);
                pcm[i * 4] = (byte) l;
                pcm[i * 4 + 1] = (byte) (l >> 8);
                pcm[i * 4 + 2] = (byte) r;
                pcm[i * 4 + 3] = (byte) (r >> 8);
            }
            out.write(mp3, 0, encoder.encodeBuffer(pcm, 0, frames * 4, mp3));
        }
        out.write(mp3, 0, encoder.encodeFinish(mp3));
        encoder.close();
        return out.toByteArray();
    }

    static float[] decodeLeft(byte[] mp3, int frames) {
        short[] left = Mp3Decoder.decode(mp3).left();
        float[] out = new float[Math.max(frames, left.length) + 10_000];
        for (int i = 0; i < left.length; i++) {
            out[i] = left[i] / 32768f;
        }
        return out;
    }

    /** Aligns by the best lag (encoder delay), then mean over frames and bands of 10 log10(noise / signal). */
    static double noiseToSignalDb(float[] ref, float[] dec) {
        int best = 0;
        double bestErr = Double.MAX_VALUE;
        for (int lag = 0; lag < 3000; lag++) {
            double e = 0;
            for (int i = 44_100; i < 44_100 + 8192; i++) {
                double d = dec[i + lag] - ref[i];
                e += d * d;
            }
            if (e < bestErr) {
                bestErr = e;
                best = lag;
            }
        }
        int size = 4096;
        double sum = 0;
        int count = 0;
        for (int start = 0; start + size + best < dec.length && start + size <= ref.length; start += size) {
            double[] sr = new double[size], si = new double[size], nr = new double[size], ni = new double[size];
            for (int i = 0; i < size; i++) {
                double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / size);
                sr[i] = ref[start + i] * w;
                nr[i] = (dec[start + i + best] - ref[start + i]) * w;
            }
            Measure.fft(sr, si);
            Measure.fft(nr, ni);
            for (double f0 = 50; f0 < 16000; f0 *= Math.pow(2, 1 / 3.0)) {
                int k0 = (int) (f0 * size / 44_100.0), k1 = Math.max(k0 + 1, (int) (f0 * Math.pow(2, 1 / 3.0) * size / 44_100.0));
                double es = 0, en = 0;
                for (int k = k0; k < k1; k++) {
                    es += sr[k] * sr[k] + si[k] * si[k];
                    en += nr[k] * nr[k] + ni[k] * ni[k];
                }
                if (es > 1e-6) { // only bands with signal
                    sum += 10 * Math.log10((en + 1e-12) / es);
                    count++;
                }
            }
        }
        return sum / count;
    }
}
