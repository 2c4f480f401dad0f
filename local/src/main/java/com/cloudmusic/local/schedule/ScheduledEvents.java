package com.cloudmusic.local.schedule;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The event an EventBridge schedule rule hands its target, as the JSON object Lambda delivers. */
public final class ScheduledEvents {

    private ScheduledEvents() {
    }

    public static Map<String, Object> at(Instant time, String ruleName, String region) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", "000000000000");
        event.put("time", time.toString());
        event.put("region", region);
        event.put("resources", List.of("arn:aws:events:" + region + ":000000000000:rule/" + ruleName));
        event.put("detail", Map.of());
        return event;
    }
}
