package com.cloudmusic.billing;

/**
 * A verified payment provider event, as the webhook decoded it: the parts {@link CreditGrants} decides on.
 *
 * @param objectId       the event's object: a Checkout Session id, a charge or a dispute id
 * @param paymentStatus  a Checkout Session's {@code payment_status}, else null
 * @param paymentIntent  the payment the object belongs to, when it names one
 * @param amount         the object's amount in minor units (a dispute's disputed amount), when given
 * @param amountRefunded a charge's cumulative refunded amount, when given
 */
public record PaymentEvent(String id, String type, String objectId, String paymentStatus, String paymentIntent,
        Long amount, Long amountRefunded) {
}
