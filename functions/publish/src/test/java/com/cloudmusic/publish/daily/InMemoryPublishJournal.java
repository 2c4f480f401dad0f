package com.cloudmusic.publish.daily;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The run's memory in memory, with the DynamoDB journal's rules (watermark never back, leased daily claims). */
final class InMemoryPublishJournal implements PublishJournal {

    /** As the DynamoDB journal: attempts at one day's track before the day goes without one. */
    static final int MAX_DAILY_ATTEMPTS = 3;

    private record Daily(String trackId, boolean ready, Instant leaseUntil, int attempts, String reason) {
    }

    private final Map<String, Daily> days = new HashMap<>();
    private Instant watermark;

    @Override
    public synchronized Optional<Instant> watermark() {
        return Optional.ofNullable(watermark);
    }

    @Override
    public synchronized void advance(Instant next, Instant completedAt) {
        if (watermark == null || !next.isBefore(watermark)) {
            watermark = next;
        }
    }

    @Override
    public synchronized DailyClaim claimDaily(String date, String newTrackId, Instant now, Duration lease) {
        Daily day = days.get(date);
        if (day == null) {
            days.put(date, new Daily(newTrackId, false, now.plus(lease), 1, null));
            return new MakeIt(newTrackId);
        }
        if (day.ready()) {
            return new Ready(day.trackId());
        }
        if (!day.leaseUntil().isBefore(now)) {
            return new BeingMade(day.trackId());
        }
        if (day.attempts() >= MAX_DAILY_ATTEMPTS) {
            return new GivenUp(day.trackId(), day.reason() == null ? "not made" : day.reason());
        }
        days.put(date, new Daily(day.trackId(), false, now.plus(lease), day.attempts() + 1, day.reason()));
        return new MakeIt(day.trackId());
    }

    @Override
    public synchronized void dailyReady(String date, String trackId, Instant now) {
        Daily day = days.get(date);
        if (day != null && day.trackId().equals(trackId)) {
            days.put(date, new Daily(trackId, true, now, day.attempts(), null));
        }
    }

    @Override
    public synchronized void dailyFailed(String date, String reason, Instant now) {
        Daily day = days.get(date);
        if (day != null && !day.ready()) {
            days.put(date, new Daily(day.trackId(), false, now.minusMillis(1), day.attempts(), reason));
        }
    }
}
