package com.cloudmusic.engine.procedural;

import com.cloudmusic.audio.Loudness;
import com.cloudmusic.audio.Mp3Encoder;
import com.cloudmusic.audio.Renditions;
import com.cloudmusic.audio.WavWriter;
import com.cloudmusic.audio.WaveformPicture;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.RenderedLoop;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Render budget on one thread: 30-second loops of each type, ms per render, real-time factor and bytes
 * allocated per render, for each mood; then MP3, PNG and all-files times. Run (after {@code mvn -B -o -q -pl shared/sound -am test-compile}):
 * <pre>
 * java -cp shared/core/target/classes:shared/sound/target/classes:shared/sound/target/test-classes:$HOME/.m2/repository/de/sciss/jump3r/1.0.5/jump3r-1.0.5.jar \
 *     com.cloudmusic.engine.procedural.ProceduralBench
 * </pre>
 */
public final class ProceduralBench {

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        ProceduralEngine engine = new ProceduralEngine();
        EngineContext context = EngineContext.detached("bench");
        int bpm = 120;
        int bars = 15; // 30 s at 120 BPM: the budget is set for the longest loop
        System.out.printf("30 s loops (%d bars at %d BPM, intensity 3), %d timed renders each after every type and mood is warmed up%n", bars, bpm, rounds);
        String[] moods = {"plain", "ambient", "dark", "energetic"};
        List<LoopSpec> specs = new java.util.ArrayList<>();
        for (LoopType type : LoopType.values()) {
            for (String mood : moods) {
                specs.add(new LoopSpec(Mode.GUIDED, type, bpm, bars, "F#m", 42, 3, mood.equals("dark"),
                        mood.equals("ambient"), mood.equals("energetic"), List.of(), ""));
            }
        }
        // Every type and mood is warmed up before any is timed: on one core the JIT compiles on the core the
        // renders run on, so the first type to reach a code path (the room, the echo, the mono pass) would
        // otherwise pay for its compilation in wall time.
        RenderedLoop last = null;
        for (int i = 0; i < Math.max(5, rounds / 2); i++) {
            for (LoopSpec spec : specs) {
                last = engine.render(spec, context);
            }
        }
        for (LoopSpec spec : specs) {
            LoopType type = spec.type();
            String mood = spec.ambient() ? "ambient" : spec.dark() ? "dark" : spec.energetic() ? "energetic" : "plain";
            for (int i = 0; i < 3; i++) { // the caches and branch history of this type and mood
                last = engine.render(spec, context);
            }
            long bytes0 = threads.getThreadAllocatedBytes(self);
            long cpu0 = threads.getCurrentThreadCpuTime();
            double[] times = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                last = engine.render(spec, context);
                times[i] = (System.nanoTime() - t0) / 1e6;
            }
            // The median: the machine is shared, and a neighbour's burst should not count as our time.
            java.util.Arrays.sort(times);
            double ms = times[rounds / 2];
            // CPU time of this thread: what one core spends, whatever else runs on the machine.
            double cpuMs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / rounds;
            long allocated = (threads.getThreadAllocatedBytes(self) - bytes0) / rounds;
            long output = 2L * 4 * last.frames();
            System.out.printf("%-8s %-9s %6.1f ms/render (median; mean CPU %5.1f ms)  %5.0fx real time (%5.0fx on CPU)  %6.1f MB allocated (%.1fx output)  %.1f LUFS, peak %.2f dBFS%n",
                    type.wireName(), mood, ms, cpuMs, last.durationSeconds() * 1000 / ms,
                    last.durationSeconds() * 1000 / cpuMs,
                    allocated / 1e6, allocated / (double) output,
                    Loudness.integratedLufs(last.left(), last.right(), LoopSpec.SAMPLE_RATE),
                    Loudness.toDb(Loudness.truePeak(last.left(), last.right())));
        }
        for (int i = 0; i < 3; i++) {
            Mp3Encoder.encode(last.left(), last.right(), LoopSpec.SAMPLE_RATE, 192);
        }
        long t0 = System.nanoTime();
        int mp3Rounds = 3;
        for (int i = 0; i < mp3Rounds; i++) {
            Mp3Encoder.encode(last.left(), last.right(), LoopSpec.SAMPLE_RATE, 192);
        }
        System.out.printf("mp3 192 kbps: %.0f ms per 30 s loop%n", (System.nanoTime() - t0) / 1e6 / mp3Rounds);
        for (int i = 0; i < 5; i++) {
            WaveformPicture.png(last.left(), last.right());
        }
        t0 = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            WaveformPicture.png(last.left(), last.right());
        }
        System.out.printf("waveform png 1200x240: %.1f ms per loop%n", (System.nanoTime() - t0) / 1e6 / 10);
        for (int seconds : new int[] {30, 8}) {
            LoopSpec spec = new LoopSpec(Mode.GUIDED, LoopType.BASS, bpm, seconds * bpm / 240, "F#m", 42, 3,
                    false, false, false, List.of(), "");
            RenderedLoop loop = engine.render(spec, context);
            WavWriter.Info info = new WavWriter.Info("bench", null);
            for (int i = 0; i < 3; i++) {
                Renditions.render(loop, info);
            }
            t0 = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                Renditions.render(loop, info);
            }
            double together = (System.nanoTime() - t0) / 1e6 / 5;
            t0 = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                WavWriter.write(loop, info);
                Mp3Encoder.encode(loop.left(), loop.right(), LoopSpec.SAMPLE_RATE, Renditions.MP3_KBPS);
                WaveformPicture.png(loop.left(), loop.right());
            }
            double inTurn = (System.nanoTime() - t0) / 1e6 / 5;
            System.out.printf("all files (wav, mp3, png) for a %d s loop: %.0f ms with the png and wav beside the mp3, %.0f ms one after the other%n",
                    seconds, together, inTurn);
        }
    }
}
