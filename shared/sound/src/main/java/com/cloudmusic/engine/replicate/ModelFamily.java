package com.cloudmusic.engine.replicate;

import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.MusicalKey;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The two kinds of model the Replicate engine can drive, each with its own input schema: Meta's
 * MusicGen ({@code meta/musicgen}) and Stability's Stable Audio ({@code stability-ai/stable-audio-2.5}).
 */
public enum ModelFamily {

    MUSICGEN("musicgen") {
        @Override
        public Map<String, Object> input(LoopSpec spec, ReplicateSettings.Tuning tuning) {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("prompt", prompt(spec));
            input.put("duration", requestSeconds(spec));
            input.put("seed", modelSeed(spec.seed()));
            input.put("output_format", "wav");
            input.put("model_version", tuning.musicGenModelVersion());
            input.put("normalization_strategy", tuning.normalizationStrategy());
            input.put("temperature", tuning.temperature());
            input.put("top_k", tuning.topK());
            input.put("top_p", tuning.topP());
            input.put("classifier_free_guidance", tuning.classifierFreeGuidance());
            return input;
        }
    },

    STABLE_AUDIO("stable-audio") {
        @Override
        public Map<String, Object> input(LoopSpec spec, ReplicateSettings.Tuning tuning) {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("prompt", prompt(spec));
            input.put("duration", requestSeconds(spec));
            input.put("steps", tuning.stableAudioSteps());
            input.put("cfg_scale", tuning.stableAudioCfgScale());
            input.put("seed", modelSeed(spec.seed()));
            return input;
        }
    };

    /** Drift allowance in the requested length: models play up to several percent slower than asked. */
    static final double DRIFT_MARGIN = 0.06;

    private final String wireName;

    ModelFamily(String wireName) {
        this.wireName = wireName;
    }

    /** The name {@code REPLICATE_MODEL_FAMILY} uses. */
    public String wireName() {
        return wireName;
    }

    /** The model's input object for this loop. */
    public abstract Map<String, Object> input(LoopSpec spec, ReplicateSettings.Tuning tuning);

    /** Recognises the family from the model's name (owner/name). */
    public static Optional<ModelFamily> of(ModelRef model) {
        String path = model.path().toLowerCase(Locale.ROOT);
        if (path.contains("stable-audio")) {
            return Optional.of(STABLE_AUDIO);
        }
        if (path.contains("musicgen")) {
            return Optional.of(MUSICGEN);
        }
        return Optional.empty();
    }

    public static Optional<ModelFamily> fromWireName(String name) {
        for (ModelFamily family : values()) {
            if (family.wireName.equalsIgnoreCase(name)) {
                return Optional.of(family);
            }
        }
        return Optional.empty();
    }

    /**
     * Whole seconds to ask for: the loop's length at the requested tempo, plus a drift margin and one
     * beat (the first downbeat need not be at zero), rounded up. Without the margin a model playing 5 %
     * slow could not fill the bars at its own tempo and the loop would lose a bar.
     */
    static int requestSeconds(LoopSpec spec) {
        double beat = 60.0 / spec.bpm();
        return (int) Math.ceil(spec.durationSeconds() * (1 + DRIFT_MARGIN) + beat);
    }

    /** Models take a non-negative 32-bit seed; the same spec always maps to the same one. */
    static long modelSeed(long seed) {
        return seed & 0x7FFF_FFFFL;
    }

    /**
     * The text prompt: an advanced request's own words, or a description of a guided request (moods,
     * intensity, loop type, tempo, key) in the vocabulary these models were trained on.
     */
    static String prompt(LoopSpec spec) {
        if (spec.mode() == Mode.ADVANCED) {
            return spec.prompt();
        }
        StringBuilder text = new StringBuilder();
        text.append(intensityWords(spec.intensity())).append(' ');
        if (spec.dark()) {
            text.append("dark ");
        }
        if (spec.ambient()) {
            text.append("ambient ");
        }
        if (spec.energetic()) {
            text.append("energetic ");
        }
        text.append(typeWords(spec.type()));
        text.append(", ").append(spec.bpm()).append(" BPM");
        MusicalKey.tryParse(spec.key()).ifPresent(key -> text.append(", in ").append(keyName(key)));
        text.append(", 4/4, seamless loop, instrumental");
        return text.toString();
    }

    private static String typeWords(LoopType type) {
        return switch (type) {
            case KICK -> "kick drum loop, four on the floor drum pattern";
            case BASS -> "bassline loop, deep bass groove";
            case TEXTURE -> "atmospheric pad texture loop, evolving synth chords";
            case RISER -> "build-up riser, rising tension sweep";
        };
    }

    private static String intensityWords(int intensity) {
        return switch (Math.max(1, Math.min(5, intensity))) {
            case 1 -> "minimal, soft";
            case 2 -> "laid-back";
            case 3 -> "steady";
            case 4 -> "driving";
            default -> "intense, hard-hitting";
        };
    }

    private static String keyName(MusicalKey key) {
        String canonical = key.canonical();
        String root = key.minor() ? canonical.substring(0, canonical.length() - 1) : canonical;
        return root + (key.minor() ? " minor" : " major");
    }
}
