package com.cloudmusic.engine.procedural;

import com.cloudmusic.engine.score.Groove;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.MusicalKey;
import java.util.List;
import java.util.Set;

/**
 * How a loop should sound, distilled from the mood toggles, the intensity and (in advanced mode) the
 * prompt's style words: groove, timbre, harmony and a handful of continuous controls the voices read.
 *
 * @param feel       rhythmic family
 * @param timbre     melodic instrument for textures
 * @param minor      minor scale and chords
 * @param brightness 0 (dull) .. 1 (bright): filter cutoffs
 * @param drive      0 .. ~1.5: saturation amount
 * @param density    0 .. 1: how many notes and hits
 * @param swing      delay of odd 16ths as a fraction of a 16th
 * @param space      0 .. 1: reverb and delay send
 * @param softness   1 = normal attacks, larger = slower, softer attacks
 * @param sub808     long, gliding 808-style sub bass and boomy kick
 * @param intensity  1..5 as requested
 * @param sounds     sound words of the prompt the voices act on ({@link #SOUND_WORDS})
 */
record Style(Groove.Feel feel, Timbre timbre, boolean minor, double brightness, double drive, double density,
             double swing, double space, double softness, boolean sub808, int intensity, Set<String> sounds) {

    /**
     * Words that change the sound: rumble (a low rumble under the texture), dusty (vinyl crackle), stabs
     * (short chord hits), pluck, drone (one held root), 808, bells, reese (detuned bass), acid (resonant
     * squelch), impact (a hit and tail after a riser).
     */
    static final Set<String> SOUND_WORDS = Set.of("rumble", "dusty", "stabs", "pluck", "drone", "808", "bells", "reese",
            "acid", "impact");

    enum Timbre { PAD, STRINGS, PIANO, PLUCK, BELLS, ORGAN }

    private static final Set<String> FOUR = Set.of("house", "techno", "trance", "edm", "disco", "minimal", "acid",
            "industrial", "synthwave", "electro", "garage", "deep", "hardstyle", "psytrance", "dance", "club",
            "reggaeton", "afro", "afrobeat", "amapiano", "latin", "pop", "funk");
    private static final Set<String> BROKEN = Set.of("dnb", "jungle", "breakbeat", "breaks", "liquid", "neurofunk");
    private static final Set<String> HALF = Set.of("dubstep", "halftime", "half-time");
    private static final Set<String> TRAP = Set.of("trap", "phonk", "drill", "808");
    private static final Set<String> SWUNG = Set.of("lofi", "lo-fi", "hiphop", "hip-hop", "boom-bap", "jazz",
            "chill", "chillhop", "swing", "swung", "neo-soul", "soul", "rnb");

    static Style of(LoopSpec spec, MusicalKey key) {
        List<String> words = spec.mode() == Mode.ADVANCED ? spec.styleWords() : List.of();
        Groove.Feel groove = null;
        // The first genre word in the prompt decides, so "trap with house chords" is trap.
        for (String w : words) {
            if (BROKEN.contains(w)) {
                groove = Groove.Feel.BROKEN;
                break;
            }
            if (HALF.contains(w)) {
                groove = Groove.Feel.HALF_TIME;
                break;
            }
            if (TRAP.contains(w)) {
                groove = Groove.Feel.TRAP;
                break;
            }
            if (SWUNG.contains(w)) {
                groove = Groove.Feel.HIP_HOP;
                break;
            }
            if (FOUR.contains(w)) {
                groove = Groove.Feel.FOUR_ON_THE_FLOOR;
                break;
            }
        }
        if (groove == null) { // no genre named: the tempo says which feel a producer expects
            int bpm = spec.bpm();
            groove = bpm >= 160 ? (spec.ambient() ? Groove.Feel.HALF_TIME : Groove.Feel.BROKEN)
                    : bpm < 100 ? (spec.dark() ? Groove.Feel.TRAP : Groove.Feel.HIP_HOP)
                    : Groove.Feel.FOUR_ON_THE_FLOOR;
        }
        boolean swungWords = words.stream().anyMatch(SWUNG::contains);
        Timbre timbre = Timbre.PAD;
        for (String w : words) {
            Timbre t = switch (w) {
                case "piano", "keys", "rhodes", "epiano" -> Timbre.PIANO;
                case "pluck", "plucks", "guitar", "acoustic", "harp", "marimba", "kalimba" -> Timbre.PLUCK;
                case "bells", "bell", "glockenspiel", "chimes", "music-box" -> Timbre.BELLS;
                case "strings", "orchestral", "cinematic", "violin", "cello", "choir" -> Timbre.STRINGS;
                case "organ" -> Timbre.ORGAN;
                case "pad", "pads" -> Timbre.PAD;
                default -> null;
            };
            if (t != null) {
                timbre = t;
                break;
            }
        }
        java.util.Set<String> sounds = new java.util.TreeSet<>();
        for (String w : words) {
            String folded = switch (w) {
                case "crackle", "vinyl", "dust" -> "dusty";
                case "stab" -> "stabs";
                case "plucks", "plucked" -> "pluck";
                case "bell", "chimes" -> "bells";
                case "drones" -> "drone";
                case "303", "squelch" -> "acid";
                case "drop", "hit", "boom" -> "impact";
                default -> w;
            };
            if (SOUND_WORDS.contains(folded)) {
                sounds.add(folded);
            }
        }
        boolean lofi = swungWords || has(words, "lofi", "lo-fi", "warm", "vintage", "vinyl", "tape", "soft");
        boolean darkWords = has(words, "dark", "moody", "melancholic", "sad", "minor", "gloomy", "ominous");
        boolean brightWords = has(words, "bright", "uplifting", "happy", "euphoric", "sunny", "major");
        boolean energeticWords = has(words, "energetic", "driving", "aggressive", "hard", "punchy", "peak-time", "hype");
        boolean ambientWords = has(words, "ambient", "atmospheric", "ethereal", "dreamy", "airy", "spacious", "lush");
        boolean gritty = has(words, "distorted", "gritty", "industrial", "dirty", "acid", "phonk");

        boolean dark = spec.dark() || darkWords;
        boolean energetic = spec.energetic() || energeticWords;
        boolean ambient = spec.ambient() || ambientWords;
        int intensity = Math.max(1, Math.min(5, spec.intensity()));
        double level = (intensity - 1) / 4.0;

        boolean minor = key.minor() || dark || (!brightWords && darkWords);
        double brightness = 0.5 + (energetic ? 0.25 : 0) - (dark ? 0.25 : 0) + (brightWords ? 0.15 : 0)
                - (lofi ? 0.15 : 0) + (level - 0.5) * 0.2;
        double drive = 0.1 + level * 0.7 + (energetic ? 0.35 : 0) + (gritty ? 0.4 : 0) - (lofi ? 0.1 : 0);
        double density = level * 0.75 + (energetic ? 0.25 : 0) - (ambient ? 0.1 : 0);
        double swing = groove != Groove.Feel.HIP_HOP ? 0 : swungWords ? 0.2 : 0.12;
        double space = (ambient ? 0.5 : 0) + (ambientWords && spec.ambient() ? 0.1 : 0) + (lofi ? 0.1 : 0);
        double softness = (ambient ? 3.0 : 1.0) * (lofi ? 1.5 : 1.0) * (energetic ? 0.7 : 1.0);
        return new Style(groove, timbre, minor, clamp(brightness, 0.05, 1), clamp(drive, 0, 1.6),
                clamp(density, 0, 1), swing, clamp(space, 0, 0.8), softness,
                groove == Groove.Feel.HALF_TIME || groove == Groove.Feel.TRAP || sounds.contains("808"), intensity,
                java.util.Set.copyOf(sounds));
    }

    private static boolean has(List<String> words, String... any) {
        for (String a : any) {
            if (words.contains(a)) {
                return true;
            }
        }
        return false;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    boolean has(String soundWord) {
        return sounds.contains(soundWord);
    }

    Groove groove() {
        return new Groove(feel, swing);
    }

    /** Scale degrees as semitones above the root. */
    int[] scale() {
        return minor ? new int[] {0, 2, 3, 5, 7, 8, 10} : new int[] {0, 2, 4, 5, 7, 9, 11};
    }
}
