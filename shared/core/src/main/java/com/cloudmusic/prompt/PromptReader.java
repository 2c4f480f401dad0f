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
            "distorted", "gritty", "dirty", "vintage", "vinyl", "tape", "soft", "swing", "swung", "hypnotic", "groovy",
            "rumble", "dusty", "crackle", "stabs", "stab", "drone", "reese", "impact", "synthwave", "dub", "bell");
    // A bare number in the tempo range is the tempo ("uplifting trance riser 138"), unless it is a length,
    // a decade, a drum machine or part of a key or a ratio.
    private static final Pattern BARE_TEMPO = Pattern.compile("(?<![\\w.:/-])(\\d{2,3})(?![\\w.:/%'])");
    /** Tempo a genre implies when the prompt gives none: the middle of the genre's usual range. */
    private static final String[][] GENRE_TEMPOS = {
            {"dnb", "174"}, {"jungle", "170"}, {"neurofunk", "174"}, {"liquid", "174"}, {"dubstep", "140"},
            {"trap", "140"}, {"drill", "142"}, {"phonk", "140"}, {"hiphop", "90"}, {"boom-bap", "90"},
            {"lofi", "80"}, {"chillhop", "85"}, {"ambient", "80"}, {"techno", "130"}, {"house", "124"},
            {"deep", "122"}, {"trance", "138"}, {"psytrance", "145"}, {"hardstyle", "150"}, {"garage", "132"},
            {"synthwave", "100"}, {"disco", "118"}, {"reggaeton", "95"}, {"amapiano", "113"}, {"afrobeat", "105"},
            {"breakbeat", "130"}, {"electro", "125"}, {"minimal", "126"}, {"lo-fi", "80"}, {"hip-hop", "90"},
            {"808", "140"}};
    // Multi-word and spelled-out genre names folded to the single word the engine knows.
    private static final String[][] PHRASES = {
            {"drum\\s*(?:and|&|n'?)\\s*bass", "dnb"}, {"d\\s*&\\s*b", "dnb"}, {"hip\\s+hop", "hiphop"},
            {"lo\\s+fi", "lofi"}, {"boom\\s+bap", "boom-bap"}, {"half\\s+time", "halftime"}, {"uk\\s+garage", "garage"},
            {"r\\s*&\\s*b", "rnb"}, {"808s", "808"}, {"music\\s+box", "bells"}, {"e-?piano", "rhodes"}};

    private PromptReader() {
    }

    public static Reading read(String prompt) {
        String text = prompt == null ? "" : prompt;
        List<String> words = styleWords(text);
        return new Reading(bpm(text, words), duration(text), key(text), type(text), words);
    }

    private static Optional<Integer> bpm(String text, List<String> words) {
        Matcher m = BPM.matcher(text);
        if (m.find()) {
            String value = m.group(1) != null ? m.group(1) : m.group(2);
            return Optional.of((int) Math.round(Double.parseDouble(value)));
        }
        Matcher bare = BARE_TEMPO.matcher(text);
        while (bare.find()) {
            int value = Integer.parseInt(bare.group(1));
            String after = text.substring(bare.end()).toLowerCase(Locale.ROOT).stripLeading();
            boolean length = after.matches("(?s)^(s|sec|secs|seconds?|bars?|beats?)\\b.*");
            if (value >= 70 && value <= 180 && !length && value != 808 && value != 909) {
                return Optional.of(value);
            }
        }
        for (String[] genre : GENRE_TEMPOS) { // the first genre named decides, as for the groove
            if (!words.isEmpty() && words.contains(genre[0])) {
                int first = words.indexOf(genre[0]);
                boolean earlier = false;
                for (String[] other : GENRE_TEMPOS) {
                    int at = words.indexOf(other[0]);
                    if (at >= 0 && at < first) {
                        earlier = true;
                        break;
                    }
                }
                if (!earlier) {
                    return Optional.of(Integer.parseInt(genre[1]));
                }
            }
        }
        return Optional.empty();
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
