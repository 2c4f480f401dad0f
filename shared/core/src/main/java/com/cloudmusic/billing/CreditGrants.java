package com.cloudmusic.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns verified payment events into wallet credits and back (SPEC §4.6): which events grant, which take
 * back, and how much. The number of credits is the one recorded from the catalogue when the checkout was
 * opened, never a number from the event. A refund or dispute takes back the purchase's credits in
 * proportion to the money gone (rounded up: at most one credit in the buyer's disfavour), and one that
 * arrives before its grant is remembered and applied by the grant. Processed-event markers are kept 90
 * days, longer than Stripe retries a delivery.
 */
public final class CreditGrants {

    public static final Duration EVENT_MARKER_LIFETIME = Duration.ofDays(90);

    private final Purchases purchases;
    private final Clock clock;

    public CreditGrants(Purchases purchases, Clock clock) {
        this.purchases = Objects.requireNonNull(purchases, "purchases == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    public enum Outcome {
        GRANTED, DUPLICATE_EVENT, ALREADY_GRANTED, UNKNOWN_SESSION, AWAITING_PAYMENT, PAYMENT_FAILED,
        TAKEN_BACK, REMEMBERED, ALREADY_TAKEN_BACK, UNKNOWN_PAYMENT, IGNORED;

        /** As the webhook answers and logs it, e.g. {@code taken_back}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What an event did.
     *
     * @param credits   credits that moved (granted, or taken back)
     * @param shortfall on a take-back, credits of the share already spent and so not recovered from the wallet
     * @param withheld  on a grant, credits kept back for a refund or dispute that arrived first
     */
    public record Result(Outcome outcome, long credits, long shortfall, long withheld, Purchase purchase) {

        static Result of(Outcome outcome) {
            return new Result(outcome, 0, 0, 0, null);
        }
    }

    /** Decides what a verified event means for credits, and applies it once whatever the deliveries. */
    public Result handle(PaymentEvent event) {
        return switch (event.type()) {
            // Delayed methods (bank debits) complete unpaid: the async_payment_* event decides later.
            case "checkout.session.completed" -> "paid".equals(event.paymentStatus())
                    ? grant(event) : Result.of(Outcome.AWAITING_PAYMENT);
            case "checkout.session.async_payment_succeeded" -> grant(event);
            case "checkout.session.async_payment_failed" -> Result.of(Outcome.PAYMENT_FAILED);
            // amount_refunded is cumulative: a charge refunded in parts names the total each time.
            case "charge.refunded" -> reverse(event, Reversal.refund(orWhole(event.amountRefunded())));
            case "charge.dispute.created" -> reverse(event, Reversal.dispute(orWhole(event.amount())));
            default -> Result.of(Outcome.IGNORED);
        };
    }

    /** An event without its amount counts as the whole payment. */
    private static long orWhole(Long amount) {
        return amount == null || amount < 0 ? Long.MAX_VALUE / 4 : amount;
    }

    private Result grant(PaymentEvent event) {
        Purchase purchase = purchases.find(event.objectId()).orElse(null);
        if (purchase == null) {
            // A session we did not open (another integration on the same Stripe account): not ours to credit.
            return Result.of(Outcome.UNKNOWN_SESSION);
        }
        Instant now = clock.instant();
        Purchases.Grant grant = purchases.grant(purchase, event.id(), event.type(), event.paymentIntent(), now,
                now.plus(EVENT_MARKER_LIFETIME));
        return switch (grant.outcome()) {
            case GRANTED -> new Result(Outcome.GRANTED, grant.credits(), 0, grant.reclaimed(), purchase);
            case DUPLICATE_EVENT -> new Result(Outcome.DUPLICATE_EVENT, 0, 0, 0, purchase);
            case ALREADY_GRANTED -> new Result(Outcome.ALREADY_GRANTED, 0, 0, 0, purchase);
        };
    }

    private Result reverse(PaymentEvent event, Reversal reversal) {
        if (event.paymentIntent() == null) {
            return Result.of(Outcome.UNKNOWN_PAYMENT);
        }
        Instant now = clock.instant();
        Purchases.ReversalResult result = purchases.reverse(event.paymentIntent(), reversal, event.id(), event.type(),
                now, now.plus(EVENT_MARKER_LIFETIME));
        return switch (result.outcome()) {
            case TAKEN_BACK -> new Result(Outcome.TAKEN_BACK, result.takenBack(), result.shortfall(), 0, result.purchase());
            case REMEMBERED -> new Result(Outcome.REMEMBERED, 0, 0, 0, null);
            case DUPLICATE_EVENT -> new Result(Outcome.DUPLICATE_EVENT, 0, 0, 0, result.purchase());
            case NOTHING_MORE -> new Result(Outcome.ALREADY_TAKEN_BACK, 0, 0, 0, result.purchase());
        };
    }
}
