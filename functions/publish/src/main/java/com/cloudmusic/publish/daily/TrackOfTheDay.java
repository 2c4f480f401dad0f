package com.cloudmusic.publish.daily;

import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.tracks.GenerationRequest;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The curated rotation the daily track is chosen from: guided requests across the four loop types,
 * tempos, moods and keys, and a few advanced prompts. The UTC date picks the entry (one after the other,
 * day by day) and the seed, so a re-run on the same day makes the very same choice.
 */
public final class TrackOfTheDay {

    /** Owner recorded on the daily tracks: no caller's fingerprint ever looks like it. */
    public static final String SYSTEM_OWNER = "cloudmusic-daily";

    /** One day's choice: a name for logs, the request as a caller would send it, and the seed. */
    public record Choice(String name, GenerationRequest request, long seed) {
        public Choice {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(request, "request == null");
        }
    }

    private record Entry(String name, GenerationRequest request) {
    }

    private static final List<Entry> ROTATION = List.of(
            guided("peak-time kick", LoopType.KICK, 126, 4, 16, "Am", false, false, true),
            guided("dark rolling bass", LoopType.BASS, 122, 3, 16, "F#m", true, false, false),
            guided("ambient morning texture", LoopType.TEXTURE, 90, 2, 21, "D", false, true, false),
            guided("festival riser", LoopType.RISER, 128, 5, 8, "Gm", false, false, true),
            advanced("latin acoustic pop", "Latin acoustic pop loop, 114 BPM, 14 seconds"),
            guided("halftime wobble bass", LoopType.BASS, 140, 4, 14, "Em", true, false, true),
            guided("boom bap kick", LoopType.KICK, 92, 2, 16, "C", false, false, false),
            guided("night drive texture", LoopType.TEXTURE, 76, 3, 25, "Cm", true, true, false),
            advanced("liquid drum and bass", "Rolling liquid drum and bass sub bass, 174 BPM, in F minor, 11 seconds"),
            guided("deep house bass", LoopType.BASS, 118, 3, 16, "G", false, false, false),
            guided("warehouse riser", LoopType.RISER, 132, 4, 10, "Dm", true, false, true),
            guided("techno kick", LoopType.KICK, 132, 5, 15, "Fm", true, false, true),
            advanced("lo-fi dust", "Warm lo-fi hip hop texture with vinyl dust, 84 BPM, 17 seconds, in Eb major"),
            advanced("dreamy pad", "Dreamy ambient pad texture, 80 BPM, 18 seconds, in D major"),
            advanced("acid rumble", "Dark acid techno rumble bass, 130 BPM, 15 seconds, in A minor"));

    private TrackOfTheDay() {
    }

    /** How many entries the rotation has: a choice repeats every this many days. */
    public static int rotationLength() {
        return ROTATION.size();
    }

    /** The choice for a UTC date; the same date always gives the same choice. */
    public static Choice forDate(LocalDate date) {
        long day = date.toEpochDay();
        Entry entry = ROTATION.get((int) Math.floorMod(day, (long) ROTATION.size()));
        // Kept under 2^31 so the seed survives JavaScript numbers in the web app.
        long seed = new SplittableRandom(day * 0x9E3779B97F4A7C15L).nextInt(Integer.MAX_VALUE);
        GenerationRequest sent = entry.request();
        Map<String, Object> params = new LinkedHashMap<>(sent.params());
        params.put("seed", seed);
        GenerationRequest request = new GenerationRequest(sent.mode(), sent.type(), sent.bpm(), sent.intensity(),
                sent.duration(), sent.dark(), sent.ambient(), sent.energetic(), sent.key(), seed, sent.prompt(), true,
                params);
        return new Choice(entry.name(), request, seed);
    }

    private static Entry guided(String name, LoopType type, int bpm, int intensity, double duration, String key,
                                boolean dark, boolean ambient, boolean energetic) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("type", type.wireName());
        params.put("bpm", bpm);
        params.put("intensity", intensity);
        params.put("duration", duration);
        params.put("key", key);
        params.put("dark", dark);
        params.put("ambient", ambient);
        params.put("energetic", energetic);
        return new Entry(name, new GenerationRequest(Mode.GUIDED, type, bpm, intensity, duration, dark, ambient,
                energetic, key, null, null, true, params));
    }

    private static Entry advanced(String name, String prompt) {
        return new Entry(name, new GenerationRequest(Mode.ADVANCED, null, null, null, null, null, null, null, null,
                null, prompt, true, Map.of()));
    }
}
