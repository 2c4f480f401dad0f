package com.cloudmusic.loop;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The five tracks of a matched kit: the four stems (one per loop type, composed together) and their mix.
 * The wire name is the lower-case constant name, as in file names and the API.
 */
public enum KitPart {
    KICK(LoopType.KICK), BASS(LoopType.BASS), TEXTURE(LoopType.TEXTURE), RISER(LoopType.RISER), MIX(null);

    /** The stems, in the order a kit lists them; summed, they give the mix. */
    public static final List<KitPart> STEMS = List.of(KICK, BASS, TEXTURE, RISER);

    private final LoopType type;

    KitPart(LoopType type) {
        this.type = type;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The loop type a stem plays; empty for the mix. */
    public Optional<LoopType> loopType() {
        return Optional.ofNullable(type);
    }

    /**
     * The id of this part's track in a kit: derived from the kit's id, so a retried kit writes the same
     * tracks again instead of new ones, and the kit finds its parts without storing their ids.
     */
    public String trackId(String kitId) {
        return UUID.nameUUIDFromBytes((kitId + "/" + wireName()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static Optional<KitPart> fromWireName(String value) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(value)).findFirst();
    }
}
