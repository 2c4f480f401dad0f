package com.cloudmusic.tracks;

import com.cloudmusic.loop.KitPart;
import java.util.Objects;

/**
 * How a job belongs to a kit: it is the kit itself (the one job that is charged, queued and rendered;
 * {@code part} null), or one of the kit's part tracks, written ready once the kit is made.
 */
public record KitLink(String kitId, KitPart part) {

    public KitLink {
        Objects.requireNonNull(kitId, "kitId == null");
    }

    /** The link of the kit's own job. */
    public static KitLink kit(String kitId) {
        return new KitLink(kitId, null);
    }

    /** The stored word: the part's wire name, or "kit" for the kit itself. */
    public String role() {
        return part == null ? "kit" : part.wireName();
    }

    /** Reads a stored link back; null when the job belongs to no kit. */
    public static KitLink of(String kitId, String role) {
        if (kitId == null || role == null) {
            return null;
        }
        return "kit".equals(role) ? kit(kitId)
                : new KitLink(kitId, KitPart.fromWireName(role).orElseThrow(() -> new IllegalArgumentException(role)));
    }
}
