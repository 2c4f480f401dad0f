package com.cloudmusic.tracks;

import com.cloudmusic.loop.KitPart;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.MusicalKey;
import java.util.Locale;

/**
 * The names a track shows: the title written into its WAV and the DAW-friendly file names of SPEC §3.
 * One place, so the API's downloads, the CLI's files and the channels' teasers agree.
 */
public final class TrackNames {

    private TrackNames() {
    }

    /** "CloudMusic bass 124 BPM F#m": the WAV's LIST/INFO title. */
    public static String title(LoopSpec spec) {
        return "CloudMusic " + spec.type().wireName() + " " + spec.bpm() + " BPM " + spec.key();
    }

    /** "CloudMusic kit bass 124 BPM F#m": the title of a kit part's WAV. */
    public static String kitTitle(LoopSpec spec, KitPart part) {
        return "CloudMusic kit " + part.wireName() + " " + spec.bpm() + " BPM " + spec.key();
    }

    /**
     * cloudmusic_&lt;kit8&gt;_&lt;part&gt;_&lt;bpm&gt;bpm_&lt;key&gt;.&lt;extension&gt;: a kit part as sample packs
     * name it, the same in the ZIP and on the part's own download.
     */
    public static String kitFileName(String kitId, KitPart part, int bpm, String key, String extension) {
        return "cloudmusic_" + id8(kitId) + "_" + part.wireName() + "_" + bpm + "bpm_" + fileSafe(key) + "." + extension;
    }

    /** cloudmusic_&lt;kit8&gt;_kit_&lt;bpm&gt;bpm_&lt;key&gt;.zip */
    public static String kitZipName(String kitId, int bpm, String key) {
        return "cloudmusic_" + id8(kitId) + "_kit_" + bpm + "bpm_" + fileSafe(key) + ".zip";
    }

    /** cloudmusic_&lt;type&gt;_&lt;bpm&gt;bpm_&lt;key&gt;_&lt;bars&gt;bar_&lt;id8&gt;.&lt;extension&gt; */
    public static String fileName(LoopSpec spec, String trackId, String extension) {
        return stem(spec) + "_" + spec.bars() + "bar_" + id8(trackId) + "." + extension;
    }

    /** cloudmusic_&lt;type&gt;_&lt;bpm&gt;bpm_&lt;key&gt;_teaser_&lt;id8&gt;.mp3: a teaser is no whole loop, so no bar count. */
    public static String teaserFileName(LoopSpec spec, String trackId) {
        return stem(spec) + "_teaser_" + id8(trackId) + ".mp3";
    }

    /** cloudmusic_cover_&lt;id8&gt;.jpg */
    public static String coverFileName(String trackId) {
        return "cloudmusic_cover_" + id8(trackId) + ".jpg";
    }

    private static String stem(LoopSpec spec) {
        return "cloudmusic_" + spec.type().wireName() + "_" + spec.bpm() + "bpm_" + fileSafe(spec.key());
    }

    /** The key as a file name spells it: "F#m" as "Fsharpm". */
    private static String fileSafe(String key) {
        return MusicalKey.tryParse(key).map(MusicalKey::fileSafe).orElse("key");
    }

    /** The first 8 hex digits of the id: enough to tell a caller's downloads apart. */
    private static String id8(String trackId) {
        return trackId.replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);
    }
}
