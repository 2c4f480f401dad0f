package com.cloudmusic.audio;

import com.cloudmusic.audio.ModelOutputFixtures.Format;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.RenderedLoop;
import java.util.List;

/**
 * What an AI track costs the generate function beyond the model's own time, for a 30-second loop:
 * decoding MusicGen-like output (32 kHz stereo 16-bit, 5 % slow), resampling, tempo and downbeat,
 * trim and seam, loudness, then WAV + MP3 + PNG. The S3 upload is measured by the emulator IT.
 * Run (after {@code mvn -o -q -pl shared -am test-compile}):
 * <pre>
 * java -cp shared/target/classes:shared/target/test-classes:$HOME/.m2/repository/de/sciss/jump3r/1.0.5/jump3r-1.0.5.jar \
 *     com.cloudmusic.audio.ConditioningBench [rounds]
 * </pre>
 */
public final class ConditioningBench {

    public static void main(String[] args) throws EngineException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int bpm = 120;
        int bars = 15; // 30 s at 120 BPM
        LoopSpec spec = new LoopSpec(Mode.GUIDED, LoopType.BASS, bpm, bars, "Am", 1, 3, false, false, false, List.of(), "");
        double requestSeconds = Math.ceil(spec.durationSeconds() * 1.06 + 60.0 / bpm);
        byte[] model = ModelOutputFixtures.modelWav(LoopType.BASS, bpm * 0.95, requestSeconds, 0.37, 32_000, 2,
                Format.PCM16);
        System.out.printf("30 s loop (%d bars at %d BPM) from %.0f s of 32 kHz stereo model output (%.1f MB), %d timed rounds%n",
                bars, bpm, requestSeconds, model.length / 1e6, rounds);
        for (int i = 0; i < 3; i++) {
            once(model, spec, false);
        }
        long[] totals = new long[6];
        for (int i = 0; i < rounds; i++) {
            long[] t = once(model, spec, i == rounds - 1);
            for (int k = 0; k < t.length; k++) {
                totals[k] += t[k];
            }
        }
        String[] names = {"decode", "resample", "tempo+trim+seam+loudness", "wav", "mp3", "png"};
        double sum = 0;
        for (int k = 0; k < names.length; k++) {
            double ms = totals[k] / 1e6 / rounds;
            sum += ms;
            System.out.printf("  %-26s %7.1f ms%n", names[k], ms);
        }
        System.out.printf("  %-26s %7.1f ms%n", "total", sum);
    }

    private static long[] once(byte[] model, LoopSpec spec, boolean report) throws EngineException {
        long[] t = new long[6];
        long t0 = System.nanoTime();
        WavFile file = WavFile.parse(model);
        float[][] channels = file.samples();
        long t1 = System.nanoTime();
        Resampler resampler = new Resampler(file.sampleRate(), LoopSpec.SAMPLE_RATE);
        float[] left = resampler.resample(channels[0]);
        float[] right = resampler.resample(channels[1]);
        long t2 = System.nanoTime();
        LoopConditioner.Conditioned conditioned = LoopConditioner.conditionStereo(left, right, spec, "replicate");
        RenderedLoop loop = conditioned.loop();
        long t3 = System.nanoTime();
        byte[] wav = WavWriter.write(loop, new WavWriter.Info("bench", null));
        long t4 = System.nanoTime();
        byte[] mp3 = Mp3Encoder.encode(loop.left(), loop.right(), LoopSpec.SAMPLE_RATE, Renditions.MP3_KBPS);
        long t5 = System.nanoTime();
        byte[] png = WaveformPicture.png(loop.left(), loop.right());
        long t6 = System.nanoTime();
        t[0] = t1 - t0;
        t[1] = t2 - t1;
        t[2] = t3 - t2;
        t[3] = t4 - t3;
        t[4] = t5 - t4;
        t[5] = t6 - t5;
        if (report) {
            System.out.printf("  measured %.2f BPM (true %.2f), %d bars, %d frames, confidence %.2f; wav %d KB, mp3 %d KB, png %d KB%n",
                    loop.measuredBpm(), spec.bpm() * 0.95, loop.bars(), loop.frames(), conditioned.confidence(),
                    wav.length / 1024, mp3.length / 1024, png.length / 1024);
        }
        return t;
    }
}
