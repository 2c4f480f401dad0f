package com.cloudmusic.publish.daily;

/**
 * One place the daily run posts to. Implementations report remote failures as a
 * {@link DeliveryOutcome} instead of throwing, so one broken channel never stops the others.
 */
public interface Channel {

    /** Stable name used in delivery records and outbox keys: "telegram", "discord" or "outbox". */
    String name();

    /** Posts the teaser, retrying transient failures within the channel's own limits. */
    DeliveryOutcome post(Post post);
}
