package com.cloudmusic.local.schedule;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;

/** The event an EventBridge schedule rule hands its target. */
public final class ScheduledEvents {

    private ScheduledEvents() {
    }

    public static ScheduledEvent at(Instant time, String ruleName, String region) {
        ScheduledEvent event = new ScheduledEvent();
        event.setVersion("0");
        event.setId(UUID.randomUUID().toString());
        event.setDetailType("Scheduled Event");
        event.setSource("aws.events");
        event.setAccount("000000000000");
        event.setTime(new DateTime(time.toEpochMilli(), DateTimeZone.UTC));
        event.setRegion(region);
        event.setResources(List.of("arn:aws:events:" + region + ":000000000000:rule/" + ruleName));
        event.setDetail(Map.of());
        return event;
    }
}
