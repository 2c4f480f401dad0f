package com.cloudmusic.loop;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A matched kit as an engine rendered it: every {@link KitPart} (the four stems and their mix), each a
 * loop in its own right with its notes as MIDI, all of one key, tempo and length.
 *
 * @param parts every part, in {@link KitPart} order
 */
public record RenderedKit(Map<KitPart, RenderedLoop> parts) {

    public RenderedKit {
        Objects.requireNonNull(parts, "parts == null");
        for (KitPart part : KitPart.values()) {
            if (!parts.containsKey(part)) {
                throw new IllegalArgumentException("kit without its " + part.wireName());
            }
        }
        parts = java.util.Collections.unmodifiableMap(new EnumMap<>(parts));
    }

    public RenderedLoop part(KitPart part) {
        return parts.get(part);
    }

    public RenderedLoop mix() {
        return parts.get(KitPart.MIX);
    }
}
