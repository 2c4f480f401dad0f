package com.cloudmusic.tracks;

import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.MusicalKey;
import com.cloudmusic.prompt.PromptReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a request into the exact {@link LoopSpec} to render: explicit params win over what the prompt
 * says, then defaults (bpm 120, duration 8, intensity 3). A request without a seed gets a fresh one,
 * recorded on the track so the loop can be regenerated.
 */
public final class SpecResolver {

    public static final int DEFAULT_BPM = 120;
    public static final double DEFAULT_DURATION = 8;
    public static final int DEFAULT_INTENSITY = 3;

    private static final String[] MAJOR_ROOTS = {"C", "D", "E", "F", "G", "A", "Bb"};
    private static final String[] MINOR_ROOTS = {"Am", "Cm", "Dm", "Em", "Fm", "F#m", "Gm"};

    private SpecResolver() {
    }

    /**
     * @param freshSeed used only when the request carries no seed
     */
    public static LoopSpec resolve(GenerationRequest request, long freshSeed) {
        return resolve(request, freshSeed, false);
    }

    /**
     * The spec of a kit: as for a loop, but its bar count follows the riser's phrase rule (1, 2, 4 or 8
     * bars), which every part can play, so all parts have one length. The spec's type is the riser's.
     */
    public static LoopSpec resolveKit(GenerationRequest request, long freshSeed) {
        return resolve(request, freshSeed, true);
    }

    private static LoopSpec resolve(GenerationRequest request, long freshSeed, boolean kit) {
        long seed = request.seed() != null ? request.seed() : freshSeed;
        if (request.mode() == Mode.GUIDED) {
            boolean dark = Boolean.TRUE.equals(request.dark());
            boolean ambient = Boolean.TRUE.equals(request.ambient());
            boolean energetic = Boolean.TRUE.equals(request.energetic());
            int bpm = request.bpm() != null ? request.bpm() : DEFAULT_BPM;
            double duration = request.duration() != null ? request.duration() : DEFAULT_DURATION;
            int intensity = request.intensity() != null ? request.intensity() : DEFAULT_INTENSITY;
            String key = request.key() != null ? request.key() : defaultKey(seed, dark);
            List<String> moods = new ArrayList<>();
            if (dark) {
                moods.add("dark");
            }
            if (ambient) {
                moods.add("ambient");
            }
            if (energetic) {
                moods.add("energetic");
            }
            LoopType type = kit ? LoopType.RISER : request.type();
            String prompt = describe(kit ? "kit" : type.wireName() + " loop", bpm, key, intensity, moods);
            return new LoopSpec(Mode.GUIDED, type, bpm, LoopSpec.barsFor(type, bpm, duration), key, seed,
                    intensity, dark, ambient, energetic, List.of(), prompt);
        }
        PromptReader.Reading reading = PromptReader.read(request.prompt());
        int bpm = request.bpm() != null ? request.bpm()
                : reading.bpm().map(b -> clamp(b, GenerationRequestParser.MIN_BPM, GenerationRequestParser.MAX_BPM))
                        .orElse(DEFAULT_BPM);
        double duration = request.duration() != null ? request.duration()
                : reading.durationSeconds()
                        .map(d -> Math.max(GenerationRequestParser.MIN_DURATION, Math.min(GenerationRequestParser.MAX_DURATION, d)))
                        .orElse(DEFAULT_DURATION);
        List<String> words = reading.styleWords();
        boolean dark = words.contains("dark");
        String key = request.key() != null ? request.key()
                : reading.key().map(MusicalKey::canonical).orElseGet(() -> defaultKey(seed, dark));
        LoopType type = kit ? LoopType.RISER : reading.type().orElse(LoopType.TEXTURE);
        return new LoopSpec(Mode.ADVANCED, type, bpm, LoopSpec.barsFor(type, bpm, duration), key, seed, DEFAULT_INTENSITY,
                dark, words.contains("ambient") || words.contains("chill"), words.contains("energetic"), words,
                request.prompt());
    }

    private static String defaultKey(long seed, boolean dark) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        boolean minor = dark || random.nextBoolean();
        String[] roots = minor ? MINOR_ROOTS : MAJOR_ROOTS;
        return MusicalKey.parse(roots[random.nextInt(roots.length)]).canonical();
    }

    private static String describe(String what, int bpm, String key, int intensity, List<String> moods) {
        StringBuilder text = new StringBuilder();
        for (String mood : moods) {
            text.append(mood).append(' ');
        }
        return text.append(what).append(", ").append(bpm).append(" BPM, key ").append(key)
                .append(", intensity ").append(intensity).append("/5").toString();
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
