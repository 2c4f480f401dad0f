package com.cloudmusic.engine.kit;

import com.cloudmusic.audio.Renditions;
import com.cloudmusic.audio.WavWriter;
import com.cloudmusic.engine.procedural.ProceduralEngine;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.KitPart;
import com.cloudmusic.loop.LoopFiles;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.RenderedKit;
import com.cloudmusic.tracks.KitZip;
import com.cloudmusic.tracks.LoopMaker;
import com.cloudmusic.tracks.TrackWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Time to make a 4-bar kit at 124 BPM. First the budget's work (1 s on one core): the four stems and the
 * mix with their MIDI, every WAV and the ZIP, timed as the CPU time of the one thread doing it. Then all
 * the files the generate function stores (the same plus every part's MP3 and waveform, through
 * {@link LoopMaker#makeKit}), timed as wall time and as the process's CPU time. Median of the rounds after
 * two warm-ups, a new seed each round. Run after test-compile, pinned to one core:
 * <pre>
 * mvn -B -q test-compile -pl shared/sound -am
 * taskset -c 0 java -XX:ActiveProcessorCount=1 -cp shared/core/target/classes:shared/sound/target/classes:shared/sound/target/test-classes:$HOME/.m2/repository/de/sciss/jump3r/1.0.5/jump3r-1.0.5.jar \
 *     com.cloudmusic.engine.kit.KitBench 9
 * </pre>
 */
public final class KitBench {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws EngineException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        KitRenderer renderer = new KitRenderer(new ProceduralEngine());
        TrackWriter discard = new TrackWriter() {
            @Override
            public void save(String trackId, LoopFiles files) {
            }

            @Override
            public void saveKitZip(String kitId, byte[] zip) {
            }
        };
        LoopMaker maker = new LoopMaker(new ProceduralEngine(), renderer, Renditions.ENCODER, discard);
        List<Double> budgetCpu = new ArrayList<>();
        List<Double> budgetWall = new ArrayList<>();
        List<Double> allCpu = new ArrayList<>();
        List<Double> allWall = new ArrayList<>();
        long zipBytes = 0;
        for (int round = -2; round < rounds; round++) {
            LoopSpec spec = new LoopSpec(Mode.GUIDED, LoopType.RISER, 124, 4, "F#m", 1000 + round, 3, false, false, false,
                    List.of(), "kit, 124 BPM, key F#m");
            long c0 = CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            RenderedKit kit = renderer.render(spec);
            Map<KitPart, KitZip.PartFiles> files = new LinkedHashMap<>();
            kit.parts().forEach((part, loop) -> files.put(part,
                    new KitZip.PartFiles(WavWriter.write(loop, new WavWriter.Info("bench", null)), loop.midi())));
            byte[] zip = KitZip.write("00000000-0000-0000-0000-000000000000", spec.bpm(), spec.key(), files);
            long t1 = System.nanoTime();
            long c1 = CPU.getCurrentThreadCpuTime();
            long p1 = PROCESS.getProcessCpuTime();
            maker.makeKit("00000000-0000-0000-0000-000000000000", spec);
            long t2 = System.nanoTime();
            long p2 = PROCESS.getProcessCpuTime();
            if (round >= 0) {
                budgetCpu.add((c1 - c0) / 1e6);
                budgetWall.add((t1 - t0) / 1e6);
                allCpu.add((p2 - p1) / 1e6);
                allWall.add((t2 - t1) / 1e6);
                zipBytes = zip.length;
            }
        }
        System.out.printf("4-bar kit at 124 BPM, 4 stems + mix + MIDI + WAVs + ZIP (%d KB): median %.0f ms CPU on one thread, "
                + "%.0f ms wall%n", zipBytes / 1024, median(budgetCpu), median(budgetWall));
        System.out.printf("every stored file (+ each part's MP3 and waveform, LoopMaker.makeKit): median %.0f ms CPU, "
                + "%.0f ms wall%n", median(allCpu), median(allWall));
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
