package com.cloudmusic.engine.kit;

import com.cloudmusic.audio.Loudness;
import com.cloudmusic.engine.procedural.ProceduralEngine;
import com.cloudmusic.engine.score.Note;
import com.cloudmusic.engine.score.Part;
import com.cloudmusic.engine.score.Score;
import com.cloudmusic.engine.score.ScoreMidi;
import com.cloudmusic.loop.KitEngine;
import com.cloudmusic.loop.KitPart;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.RenderedKit;
import com.cloudmusic.loop.RenderedLoop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders a matched kit: a kick, a bass, a texture and a riser composed over one groove and one chord plan
 * (one key, tempo and bar count; the bass follows the chords), the bass then interlocked with the kick
 * (it keeps each bar's downbeat with the kick and otherwise plays between the kick's hits), then balanced against each other and brought to the house loudness together. The mix is the
 * plain sum of the four stems as delivered (no limiter after the sum), so the stems sum to the mix to
 * within the rounding of the 16-bit files.
 */
public final class KitRenderer implements KitEngine {

    private final ProceduralEngine engine;

    public KitRenderer(ProceduralEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine == null");
    }

    /** One stem of a kit: what it plays and how it sounds in the kit (its level already set for the mix). */
    public record Stem(KitPart part, Score score, RenderedLoop loop) {
    }

    /** The four stems, their mix (with every stem's notes in its MIDI) and the mix's loudness. */
    public record ScoredKit(LoopSpec spec, List<Stem> stems, RenderedLoop mix, double mixLufs) {

        public RenderedKit rendered() {
            Map<KitPart, RenderedLoop> parts = new EnumMap<>(KitPart.class);
            stems.forEach(stem -> parts.put(stem.part(), stem.loop()));
            parts.put(KitPart.MIX, mix);
            return new RenderedKit(parts);
        }
    }

    @Override
    public RenderedKit render(LoopSpec spec) {
        return renderScored(spec).rendered();
    }

    /**
     * @param spec the kit's spec; its type is ignored (each stem takes its own)
     */
    public ScoredKit renderScored(LoopSpec spec) {
        Objects.requireNonNull(spec, "spec == null");
        int frames = spec.frames();
        // The groove and the chord plan come from the seed alone; the bass's score fixes them for every stem.
        Score harmony = engine.compose(withType(spec, LoopType.BASS));
        List<Score> scores = new ArrayList<>(KitPart.STEMS.size());
        List<RenderedLoop> loops = new ArrayList<>(KitPart.STEMS.size());
        Score kick = null;
        for (KitPart part : KitPart.STEMS) {
            Score score = engine.compose(withType(spec, part.loopType().orElseThrow()), harmony.groove(), harmony.chords());
            if (part == KitPart.KICK) {
                kick = score;
            } else if (part == KitPart.BASS) {
                score = interlock(score, kick);
            }
            RenderedLoop loop = engine.render(score);
            if (loop.frames() != frames) {
                throw new IllegalStateException(part.wireName() + " rendered " + loop.frames() + " frames, not " + frames);
            }
            scores.add(score);
            loops.add(loop);
        }
        // Each stem comes from the engine at the house loudness on its own: set them against each other,
        // then one gain for all keeps the sum at or under the loudness target and the true-peak ceiling.
        for (int p = 0; p < loops.size(); p++) {
            scale(loops.get(p), (float) dbToGain(balanceDb(KitPart.STEMS.get(p))));
        }
        float[] left = new float[frames];
        float[] right = new float[frames];
        sum(loops, left, right);
        double lufs = Loudness.integratedLufs(left, right, LoopSpec.SAMPLE_RATE);
        double gain = Math.min(dbToGain(Loudness.TARGET_LUFS - lufs),
                dbToGain(Loudness.CEILING_DBTP - 0.2) / Math.max(1e-9, Loudness.truePeak(left, right)));
        List<Stem> stems = new ArrayList<>(loops.size());
        for (int p = 0; p < loops.size(); p++) {
            RenderedLoop loop = loops.get(p);
            scale(loop, (float) gain);
            stems.add(new Stem(KitPart.STEMS.get(p), scores.get(p), loop.withMidi(ScoreMidi.write(scores.get(p)))));
        }
        // The mix is summed again from the stems as delivered, so it is exactly their sum.
        sum(loops, left, right);
        List<Part> allParts = scores.stream().flatMap(s -> s.parts().stream()).toList();
        Score mixScore = new Score(harmony.spec(), harmony.key(), harmony.groove(), harmony.chords(), allParts);
        RenderedLoop mix = new RenderedLoop(left, right, spec.bpm(), null, spec.bars(), harmony.key().canonical(), false,
                ProceduralEngine.NAME).withMidi(ScoreMidi.write(mixScore,
                        "CloudMusic kit " + spec.bpm() + " BPM " + harmony.key().canonical()));
        return new ScoredKit(spec, List.copyOf(stems), mix, Loudness.integratedLufs(left, right, LoopSpec.SAMPLE_RATE));
    }

    /** Velocity from which a kick note is a main hit (the pattern), not a ghost note. */
    static final int MAIN_KICK_VELOCITY = 100;

    /**
     * The bass against the kick: a bass note that starts on a main kick hit other than a bar's downbeat
     * moves an eighth later (same parity of sixteenths, so the swing stays right), into the gap after the
     * hit; where that gap is taken or lies in the next bar, the note is left out. Every note is then cut
     * before the next one, so the line stays monophonic.
     */
    static Score interlock(Score bass, Score kick) {
        Set<Integer> hits = new HashSet<>();
        kick.parts().forEach(part -> part.notes().stream().filter(n -> n.velocity() >= MAIN_KICK_VELOCITY)
                .forEach(n -> hits.add(n.start())));
        int shift = 2 * Score.TICKS_PER_STEP;
        List<Part> parts = new ArrayList<>();
        for (Part part : bass.parts()) {
            Set<Integer> taken = new HashSet<>();
            part.notes().forEach(n -> taken.add(n.start()));
            List<Note> moved = new ArrayList<>();
            for (Note note : part.notes()) {
                int bar = note.start() / Score.TICKS_PER_BAR;
                if (note.start() % Score.TICKS_PER_BAR == 0 || !hits.contains(note.start())) {
                    moved.add(note);
                    continue;
                }
                int later = note.start() + shift;
                if (later / Score.TICKS_PER_BAR == bar && !taken.contains(later) && !hits.contains(later)) {
                    taken.add(later);
                    moved.add(new Note(later, Math.max(1, note.length() - shift), note.pitch(), note.velocity(), note.glide()));
                }
            }
            moved.sort(java.util.Comparator.comparingInt(Note::start));
            List<Note> cut = new ArrayList<>(moved.size());
            for (int i = 0; i < moved.size(); i++) {
                Note note = moved.get(i);
                int limit = i + 1 < moved.size() ? moved.get(i + 1).start() : bass.lengthTicks();
                cut.add(note.end() <= limit ? note
                        : new Note(note.start(), Math.max(1, limit - note.start()), note.pitch(), note.velocity(), note.glide()));
            }
            parts.add(new Part(part.name(), part.drums(), cut));
        }
        return new Score(bass.spec(), bass.key(), bass.groove(), bass.chords(), parts);
    }

    /** Level of each stem in the mix, in dB against the others: the kick leads, the riser sits behind. */
    static double balanceDb(KitPart part) {
        return switch (part) {
            case KICK -> 0;
            case BASS -> -1.5;
            case TEXTURE -> -6;
            case RISER -> -8;
            case MIX -> throw new IllegalArgumentException("the mix is no stem");
        };
    }

    static LoopSpec withType(LoopSpec spec, LoopType type) {
        return new LoopSpec(spec.mode(), type, spec.bpm(), spec.bars(), spec.key(), spec.seed(), spec.intensity(),
                spec.dark(), spec.ambient(), spec.energetic(), spec.styleWords(), spec.prompt());
    }

    private static void sum(List<RenderedLoop> loops, float[] left, float[] right) {
        Arrays.fill(left, 0);
        Arrays.fill(right, 0);
        for (RenderedLoop loop : loops) {
            float[] l = loop.left();
            float[] r = loop.right();
            for (int i = 0; i < left.length; i++) {
                left[i] += l[i];
                right[i] += r[i];
            }
        }
    }

    private static void scale(RenderedLoop loop, float gain) {
        float[] l = loop.left();
        float[] r = loop.right();
        for (int i = 0; i < l.length; i++) {
            l[i] *= gain;
            r[i] *= gain;
        }
    }

    private static double dbToGain(double db) {
        return Math.pow(10, db / 20);
    }
}
