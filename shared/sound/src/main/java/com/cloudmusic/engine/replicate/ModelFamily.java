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
            return advancedPrompt(spec);
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

    /**
     * Sound words of a prompt (as the prompt reader found them) in the words these models know, so a
     * producer's shorthand ("dusty", "stabs", "reese") reaches the model as the sound it names.
     */
    private static final Map<String, String> SOUND_WORDS = Map.ofEntries(
            Map.entry("rumble", "deep sub rumble"),
            Map.entry("dusty", "dusty vinyl crackle"), Map.entry("crackle", "dusty vinyl crackle"),
            Map.entry("vinyl", "dusty vinyl crackle"),
            Map.entry("stabs", "short chord stabs"), Map.entry("stab", "short chord stabs"),
            Map.entry("pluck", "plucked synth notes"), Map.entry("plucks", "plucked synth notes"),
            Map.entry("drone", "sustained drone holding the root"),
            Map.entry("808", "808 sub bass with long glides"),
            Map.entry("bells", "bell tones"), Map.entry("bell", "bell tones"), Map.entry("chimes", "bell tones"),
            Map.entry("reese", "detuned reese bass"),
            Map.entry("acid", "acid 303 squelch line"),
            Map.entry("dnb", "drum and bass"), Map.entry("jungle", "jungle breakbeat"),
            Map.entry("trap", "trap, half-time groove"), Map.entry("drill", "drill, sliding 808s"),
            Map.entry("dubstep", "dubstep, half-time groove"), Map.entry("hiphop", "hip hop"),
            Map.entry("boom-bap", "boom bap"), Map.entry("lofi", "lo-fi"), Map.entry("techno", "techno"),
            Map.entry("house", "house"), Map.entry("trance", "trance"), Map.entry("ambient", "ambient"),
            Map.entry("synthwave", "synthwave"), Map.entry("garage", "UK garage, two-step groove"));

    /**
     * An advanced request's own words, then what the model also needs to follow them: the sound words in the
     * model's vocabulary, the tempo when the prompt does not state it (a genre's, or the default), and that
     * it is a seamless loop.
     */
    private static String advancedPrompt(LoopSpec spec) {
        String own = spec.prompt() == null ? "" : spec.prompt().strip();
        java.util.Set<String> extras = new java.util.LinkedHashSet<>();
        for (String word : spec.styleWords()) {
            String described = SOUND_WORDS.get(word);
            if (described != null && !own.toLowerCase(Locale.ROOT).contains(described.toLowerCase(Locale.ROOT))) {
                extras.add(described);
            }
        }
        if (!own.matches("(?s).*(?<!\\d)" + spec.bpm() + "(?!\\d).*")) {
            extras.add(spec.bpm() + " BPM");
        }
        if (!own.toLowerCase(Locale.ROOT).contains("loop")) {
            extras.add("seamless loop");
        }
        StringBuilder text = new StringBuilder(own);
        for (String extra : extras) {
            text.append(text.length() == 0 ? "" : ", ").append(extra);
        }
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
