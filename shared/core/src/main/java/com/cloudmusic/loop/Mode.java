package com.cloudmusic.loop;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Guided (structured parameters) or advanced (free prompt) generation. */
public enum Mode {
    GUIDED, ADVANCED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Mode> fromWireName(String value) {
        return Arrays.stream(values()).filter(m -> m.wireName().equals(value)).findFirst();
    }
}
