package com.cloudmusic.tracks;

import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.MusicalKey;

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
        String key = MusicalKey.tryParse(spec.key()).map(MusicalKey::fileSafe).orElse("key");
        return "cloudmusic_" + spec.type().wireName() + "_" + spec.bpm() + "bpm_" + key;
    }

    /** The first 8 hex digits of the id: enough to tell a caller's downloads apart. */
    private static String id8(String trackId) {
        return trackId.replace("-", "").substring(0, 8);
    }
}
