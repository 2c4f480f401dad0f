package com.cloudmusic.quota;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The free allowance's day is the UTC day (SPEC §4.1). */
public final class UtcDay {

    private UtcDay() {
    }

    /** ISO date of the UTC day containing the instant, e.g. "2026-11-24". */
    public static String of(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
    }

    public static Instant nextMidnight(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Whole seconds until the next UTC midnight, at least 1 (for Retry-After). */
    public static long secondsToMidnight(Instant now) {
        long seconds = Duration.between(now, nextMidnight(now)).toSeconds();
        return Math.max(1, seconds + (Duration.between(now, nextMidnight(now)).toNanosPart() > 0 ? 1 : 0));
    }
}
