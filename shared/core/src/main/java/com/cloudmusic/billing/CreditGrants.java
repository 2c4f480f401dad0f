package com.cloudmusic.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Turns verified payment events into wallet credits and back (SPEC §4.6). The number of credits is
 * the one recorded from the catalogue when the checkout was opened, never a number from the event.
 * Processed-event markers are kept 90 days, longer than Stripe retries a delivery.
 */
public final class CreditGrants {

    public static final Duration EVENT_MARKER_LIFETIME = Duration.ofDays(90);

    private final Purchases purchases;
    private final Clock clock;

    public CreditGrants(Purchases purchases, Clock clock) {
        this.purchases = Objects.requireNonNull(purchases, "purchases == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    public enum Outcome { GRANTED, DUPLICATE_EVENT, ALREADY_GRANTED, UNKNOWN_SESSION, TAKEN_BACK, ALREADY_TAKEN_BACK,
        UNKNOWN_PAYMENT }

    /**
     * @param credits   credits that moved (granted, or taken back)
     * @param shortfall on a take-back, credits of the purchase already spent and so not recovered
     */
    public record Result(Outcome outcome, long credits, long shortfall, Purchase purchase) {
    }

    /** Grants a paid session's credits to its wallet, once whatever the deliveries. */
    public Result grant(String eventId, String eventType, String sessionId, String paymentIntent) {
        Purchase purchase = purchases.find(sessionId).orElse(null);
        if (purchase == null) {
            // A session we did not open (another integration on the same Stripe account): not ours to credit.
            return new Result(Outcome.UNKNOWN_SESSION, 0, 0, null);
        }
        Instant now = clock.instant();
        Purchases.GrantOutcome outcome = purchases.grant(purchase, eventId, eventType, paymentIntent, now,
                now.plus(EVENT_MARKER_LIFETIME));
        return switch (outcome) {
            case GRANTED -> new Result(Outcome.GRANTED, purchase.credits(), 0, purchase);
            case DUPLICATE_EVENT -> new Result(Outcome.DUPLICATE_EVENT, 0, 0, purchase);
            case ALREADY_GRANTED -> new Result(Outcome.ALREADY_GRANTED, 0, 0, purchase);
        };
    }

    /** Takes back the unspent credits of the purchase paid by {@code paymentIntent} (refund or dispute). */
    public Result takeBack(String eventId, String eventType, String paymentIntent) {
        Purchase purchase = paymentIntent == null ? null : purchases.findByPaymentIntent(paymentIntent).orElse(null);
        if (purchase == null) {
            return new Result(Outcome.UNKNOWN_PAYMENT, 0, 0, null);
        }
        Instant now = clock.instant();
        Purchases.TakeBack taken = purchases.takeBack(purchase, eventId, eventType, now, now.plus(EVENT_MARKER_LIFETIME));
        return switch (taken.outcome()) {
            case TAKEN_BACK -> new Result(Outcome.TAKEN_BACK, taken.takenBack(), taken.shortfall(), purchase);
            case DUPLICATE_EVENT -> new Result(Outcome.DUPLICATE_EVENT, 0, 0, purchase);
            case ALREADY_TAKEN_BACK -> new Result(Outcome.ALREADY_TAKEN_BACK, 0, 0, purchase);
        };
    }
}
