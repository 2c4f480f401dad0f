package com.cloudmusic.tracks;

import java.util.Locale;

/** A job's lifecycle: queued → generating → ready | failed (SPEC §5). */
public enum TrackStatus {
    QUEUED, GENERATING, READY, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TrackStatus fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean finished() {
        return this == READY || this == FAILED;
    }
}
