package com.cloudmusic.prompt;

import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.MusicalKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a free prompt says about tempo, length, key and style ("Latin acoustic pop loop, 114 BPM,
 * 14 seconds, in F minor"). Never fails: whatever it cannot read is simply absent.
 */
public final class PromptReader {

    /** What a prompt said. Empty optionals where it said nothing usable. */
    public record Reading(
            Optional<Integer> bpm,
            Optional<Double> durationSeconds,
            Optional<MusicalKey> key,
            Optional<LoopType> type,
            List<String> styleWords) {
    }

    private static final Pattern BPM = Pattern.compile(
            "(\\d{2,3}(?:\\.\\d+)?)\\s*-?\\s*bpm\\b|\\b(?:bpm|tempo)\\s*[:=]?\\s*(\\d{2,3}(?:\\.\\d+)?)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile(
            "(?:duration\\s*[:=]?\\s*(\\d{1,3}(?:\\.\\d+)?)\\s*(?:s|sec|secs|seconds?)?\\b)"
                    + "|(?:(\\d{1,3}(?:\\.\\d+)?)\\s*(?:s|sec|secs|seconds?)\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern KEY_WORDS = Pattern.compile(
            "\\bin\\s+([A-G])\\s*(#|b|sharp|flat)?\\s*(minor|major|min|maj|m)?\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern KEY_NAMED = Pattern.compile(
            "\\b(?:key(?:\\s+of)?\\s*[:=]?\\s*)?([A-G])\\s*(#|b|sharp|flat)?\\s+(minor|major)\\b");
    private static final Pattern KEY_SHORT = Pattern.compile("(?<![\\w#])([A-G])(#|b)?(m|min|maj)?(?![\\w#])");

    private static final List<String> STYLE_WORDS = List.of(
            "house", "techno", "trance", "dnb", "drum", "jungle", "dubstep", "trap", "hiphop", "hip-hop", "lofi", "lo-fi",
            "ambient", "cinematic", "latin", "pop", "rock", "jazz", "funk", "disco", "acoustic", "orchestral", "synthwave",
            "edm", "garage", "minimal", "deep", "dark", "bright", "energetic", "chill", "warm", "acid", "industrial",
            "piano", "guitar", "strings", "pad", "pads", "pluck", "bass", "sub", "kick", "drums", "bells", "choir", "brass",
            "breakbeat", "breaks", "liquid", "neurofunk", "phonk", "drill", "808", "halftime", "boom-bap", "chillhop",
            "soul", "neo-soul", "rnb", "reggaeton", "afro", "afrobeat", "amapiano", "electro", "hardstyle", "psytrance",
            "dance", "club", "keys", "rhodes", "organ", "marimba", "kalimba", "harp", "violin", "cello", "plucks",
            "glockenspiel", "chimes", "synth", "moody", "melancholic", "sad", "uplifting", "euphoric", "happy",
            "driving", "aggressive", "hard", "punchy", "atmospheric", "ethereal", "dreamy", "airy", "lush", "spacious",
            "distorted", "gritty", "dirty", "vintage", "vinyl", "tape", "soft", "swing", "swung", "hypnotic", "groovy");
    // Multi-word and spelled-out genre names folded to the single word the engine knows.
    private static final String[][] PHRASES = {
            {"drum\\s*(?:and|&|n'?)\\s*bass", "dnb"}, {"d\\s*&\\s*b", "dnb"}, {"hip\\s+hop", "hiphop"},
            {"lo\\s+fi", "lofi"}, {"boom\\s+bap", "boom-bap"}, {"half\\s+time", "halftime"}, {"uk\\s+garage", "garage"},
            {"r\\s*&\\s*b", "rnb"}, {"808s", "808"}, {"music\\s+box", "bells"}, {"e-?piano", "rhodes"}};

    private PromptReader() {
    }

    public static Reading read(String prompt) {
        String text = prompt == null ? "" : prompt;
        return new Reading(bpm(text), duration(text), key(text), type(text), styleWords(text));
    }

    private static Optional<Integer> bpm(String text) {
        Matcher m = BPM.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        String value = m.group(1) != null ? m.group(1) : m.group(2);
        return Optional.of((int) Math.round(Double.parseDouble(value)));
    }

    private static Optional<Double> duration(String text) {
        Matcher m = DURATION.matcher(text);
        while (m.find()) {
            String value = m.group(1) != null ? m.group(1) : m.group(2);
            double seconds = Double.parseDouble(value);
            // "90s hip hop", "80s synthwave", "808s": decades and drum machines, not durations.
            boolean attachedS = m.group(2) != null && m.group(0).toLowerCase(Locale.ROOT).endsWith(value + "s");
            boolean decade = attachedS && value.matches("[4-9]0");
            if (seconds > 0 && seconds <= 600 && !decade && !value.equals("808")) {
                return Optional.of(seconds);
            }
        }
        return Optional.empty();
    }

    private static Optional<MusicalKey> key(String text) {
        Matcher words = KEY_WORDS.matcher(text);
        if (words.find()) {
            String accidental = words.group(2) == null ? ""
                    : words.group(2).toLowerCase(Locale.ROOT).startsWith("s") || words.group(2).equals("#") ? "#" : "b";
            String mode = words.group(3) == null ? "" : words.group(3).toLowerCase(Locale.ROOT);
            boolean minor = mode.equals("m") || mode.startsWith("min");
            return Optional.of(MusicalKey.of(words.group(1), accidental, minor));
        }
        Matcher named = KEY_NAMED.matcher(text);
        if (named.find()) { // "F# minor", "key of Bb major"
            String accidental = named.group(2) == null ? ""
                    : named.group(2).equals("#") || named.group(2).startsWith("s") ? "#" : "b";
            return Optional.of(MusicalKey.of(named.group(1), accidental, named.group(3).equals("minor")));
        }
        Matcher shortForm = KEY_SHORT.matcher(text);
        while (shortForm.find()) {
            // A lone capital letter is only a key when it carries an accidental or a mode ("Fm", "C#").
            if (shortForm.group(2) != null || shortForm.group(3) != null) {
                String accidental = shortForm.group(2) == null ? "" : shortForm.group(2);
                String mode = shortForm.group(3) == null ? "" : shortForm.group(3);
                return Optional.of(MusicalKey.of(shortForm.group(1), accidental, mode.equals("m") || mode.equals("min")));
            }
        }
        return Optional.empty();
    }

    private static Optional<LoopType> type(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.matches("(?s).*\\b(riser|build-?up|uplifter|sweep)\\b.*")) {
            return Optional.of(LoopType.RISER);
        }
        if (lower.matches("(?s).*\\b(kick|drums?|beat|percussion)\\b.*")) {
            return Optional.of(LoopType.KICK);
        }
        if (lower.matches("(?s).*\\b(bass|bassline|sub|808)\\b.*")) {
            return Optional.of(LoopType.BASS);
        }
        if (lower.matches("(?s).*\\b(pad|pads|texture|atmosphere|ambient|drone)\\b.*")) {
            return Optional.of(LoopType.TEXTURE);
        }
        return Optional.empty();
    }

    private static List<String> styleWords(String text) {
        List<String> found = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        for (String[] phrase : PHRASES) {
            lower = lower.replaceAll("\\b" + phrase[0] + "\\b", " " + phrase[1] + " ");
        }
        for (String word : lower.split("[^a-z0-9-]+")) {
            if (STYLE_WORDS.contains(word) && !found.contains(word)) {
                found.add(word);
            }
        }
        return found;
    }
}
