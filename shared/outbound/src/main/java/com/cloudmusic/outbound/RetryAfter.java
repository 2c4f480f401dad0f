package com.cloudmusic.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one reader of "how long to wait" hints: the Retry-After header, a seconds value, or a body's words. */
public final class RetryAfter {

    // Replicate: "Expected available in 6 seconds.", "Your rate limit resets in ~30s."
    private static final Pattern TEXT_HINT =
            Pattern.compile("(?:available in|resets in)\\s*~?\\s*(\\d+(?:\\.\\d+)?)\\s*s", Pattern.CASE_INSENSITIVE);

    private RetryAfter() {
    }

    /** A Retry-After header (RFC 9110): delay-seconds (fractions accepted) or an HTTP date. */
    public static Optional<Duration> header(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Optional<Duration> seconds = seconds(value.trim());
        if (seconds.isPresent()) {
            return seconds;
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration left = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(left.isNegative() ? Duration.ZERO : left);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A number of seconds, fractions rounded up to the millisecond; nothing for garbage or a negative. */
    public static Optional<Duration> seconds(String value) {
        try {
            return seconds(Double.parseDouble(value));
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }

    public static Optional<Duration> seconds(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) Math.ceil(value * 1000)));
    }

    /** A wait stated in words in an error body ("Expected available in 6 seconds", "resets in ~30s"). */
    public static Optional<Duration> inText(String body) {
        Matcher m = TEXT_HINT.matcher(body == null ? "" : body);
        return m.find() ? seconds(m.group(1)) : Optional.empty();
    }

    /** The longer of two hints, either of which may be missing. */
    public static Optional<Duration> longer(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return Optional.of(a.get().compareTo(b.get()) >= 0 ? a.get() : b.get());
    }
}
