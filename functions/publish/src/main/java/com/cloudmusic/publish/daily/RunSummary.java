package com.cloudmusic.publish.daily;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run did, for its JSON log line and the handler's result: the track of the day, and per
 * track and channel what was posted, skipped (already posted, in progress elsewhere, failed earlier)
 * or failed, with the reason. Collected by one run on one thread.
 */
public final class RunSummary {

    private final String date;
    private final Instant startedAt;
    private final List<String> channels;
    private final Map<String, Object> trackOfTheDay = new LinkedHashMap<>();
    private final List<Map<String, Object>> posted = new ArrayList<>();
    private final List<Map<String, Object>> skipped = new ArrayList<>();
    private final List<Map<String, Object>> failed = new ArrayList<>();
    private final List<Map<String, Object>> refused = new ArrayList<>();
    private int candidates;
    private Instant watermark;

    RunSummary(String date, Instant startedAt, List<String> channels) {
        this.date = date;
        this.startedAt = startedAt;
        this.channels = List.copyOf(channels);
    }

    void trackOfTheDay(String trackId, String status, String detail) {
        trackOfTheDay.clear();
        if (trackId != null) {
            trackOfTheDay.put("id", trackId);
        }
        trackOfTheDay.put("status", status);
        if (detail != null) {
            trackOfTheDay.put("detail", detail);
        }
    }

    void candidates(int count) {
        candidates = count;
    }

    void watermark(Instant value) {
        watermark = value;
    }

    void posted(String trackId, String channel, String messageId) {
        posted.add(entry(trackId, channel, "messageId", messageId));
    }

    void skipped(String trackId, String channel, String reason) {
        skipped.add(entry(trackId, channel, "reason", reason));
    }

    void failed(String trackId, String channel, boolean permanent, String reason) {
        Map<String, Object> entry = entry(trackId, channel, "reason", reason);
        entry.put("permanent", permanent);
        failed.add(entry);
    }

    /** A candidate that is not (or no longer) a ready, opted-in track: never posted. */
    void refused(String trackId, String reason) {
        refused.add(entry(trackId, null, "reason", reason));
    }

    public List<Map<String, Object>> posted() {
        return List.copyOf(posted);
    }

    public List<Map<String, Object>> skipped() {
        return List.copyOf(skipped);
    }

    public List<Map<String, Object>> failed() {
        return List.copyOf(failed);
    }

    public List<Map<String, Object>> refused() {
        return List.copyOf(refused);
    }

    /** The track of the day's id, when there is one today. */
    public String trackOfTheDayId() {
        return (String) trackOfTheDay.get("id");
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("date", date);
        map.put("startedAt", startedAt.toString());
        map.put("channels", channels);
        map.put("trackOfTheDay", new LinkedHashMap<>(trackOfTheDay));
        map.put("candidates", candidates);
        map.put("postedCount", posted.size());
        map.put("skippedCount", skipped.size());
        map.put("failedCount", failed.size());
        map.put("posted", posted());
        map.put("skipped", skipped());
        map.put("failed", failed());
        map.put("refused", refused());
        if (watermark != null) {
            map.put("watermark", watermark.toString());
        }
        return map;
    }

    private static Map<String, Object> entry(String trackId, String channel, String name, Object value) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("jobId", trackId);
        if (channel != null) {
            entry.put("channel", channel);
        }
        if (value != null) {
            entry.put(name, value);
        }
        return entry;
    }
}
