package com.cloudmusic.loop;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The four loop types of guided mode; the wire name is the lower-case constant name. */
public enum LoopType {
    KICK, BASS, TEXTURE, RISER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LoopType> fromWireName(String value) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(value)).findFirst();
    }
}
