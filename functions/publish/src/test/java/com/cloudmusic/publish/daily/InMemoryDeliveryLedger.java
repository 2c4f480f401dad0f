package com.cloudmusic.publish.daily;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Delivery records in memory with the DynamoDB ledger's rules: a claim wins only on a new record, a
 * transient failure with attempts left, or a posting claim whose lease ran out; a post is never overwritten.
 */
final class InMemoryDeliveryLedger implements DeliveryLedger {

    /** As the DynamoDB ledger's lease: longer than a Lambda may live. */
    static final Duration LEASE = Duration.ofMinutes(16);

    private enum State { POSTING, POSTED, FAILED_TRANSIENT, FAILED_PERMANENT }

    private record Delivery(State state, int attempts, Instant leaseUntil, String messageId, String reason) {
    }

    private final Map<String, Delivery> deliveries = new HashMap<>();

    @Override
    public synchronized Claim claim(String trackId, String channel, Instant now) {
        String key = trackId + "/" + channel;
        Delivery old = deliveries.get(key);
        boolean free = old == null || ((old.state() == State.FAILED_TRANSIENT
                || (old.state() == State.POSTING && old.leaseUntil().isBefore(now))) && old.attempts() < MAX_ATTEMPTS);
        if (free) {
            int attempt = old == null ? 1 : old.attempts() + 1;
            deliveries.put(key, new Delivery(State.POSTING, attempt, now.plus(LEASE), null, null));
            return new Claimed(attempt);
        }
        return switch (old.state()) {
            case POSTED -> new AlreadyPosted(old.messageId());
            case POSTING -> old.leaseUntil().isBefore(now)
                    ? new GivenUp("claimed " + MAX_ATTEMPTS + " times without a result")
                    : new InProgress(old.leaseUntil());
            case FAILED_TRANSIENT, FAILED_PERMANENT -> new GivenUp(old.reason());
        };
    }

    @Override
    public synchronized void markPosted(String trackId, String channel, String messageId, Instant now) {
        Delivery old = deliveries.get(trackId + "/" + channel);
        deliveries.put(trackId + "/" + channel,
                new Delivery(State.POSTED, old == null ? 1 : old.attempts(), null, messageId, null));
    }

    @Override
    public synchronized void markFailed(String trackId, String channel, boolean permanent, String reason, int attempt,
                                        Instant now) {
        String key = trackId + "/" + channel;
        Delivery old = deliveries.get(key);
        if (old == null || old.state() != State.POSTING) {
            return; // someone recorded a result first; theirs stands
        }
        boolean givenUp = permanent || attempt >= MAX_ATTEMPTS;
        deliveries.put(key, new Delivery(givenUp ? State.FAILED_PERMANENT : State.FAILED_TRANSIENT, old.attempts(),
                null, null, reason));
    }

    synchronized int attempts(String trackId, String channel) {
        Delivery delivery = deliveries.get(trackId + "/" + channel);
        return delivery == null ? 0 : delivery.attempts();
    }
}
