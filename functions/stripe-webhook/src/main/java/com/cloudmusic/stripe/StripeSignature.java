package com.cloudmusic.stripe;

import com.cloudmusic.errors.DomainException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import java.time.Clock;
import java.util.Objects;

/**
 * Checks the {@code Stripe-Signature} header against the raw body with stripe-java's {@link Webhook},
 * the endpoint's signing secret and Stripe's default 300-second tolerance, on an injected clock (tests
 * sign fixtures at a chosen time and move time). Nothing else about the payload is trusted before this.
 */
final class StripeSignature {

    static final long TOLERANCE_SECONDS = Webhook.DEFAULT_TOLERANCE;

    private final String secret;
    private final Clock clock;

    StripeSignature(String secret, Clock clock) {
        this.secret = Objects.requireNonNull(secret, "secret == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** @throws DomainException 400 {@code invalid_signature} when the header does not sign this payload now */
    void verify(String payload, String header) {
        if (header == null || header.isBlank()) {
            throw invalid("The Stripe-Signature header is missing.");
        }
        try {
            Webhook.Signature.verifyHeader(payload, header, secret, TOLERANCE_SECONDS, clock);
        } catch (SignatureVerificationException e) {
            // stripe-java's messages say which check failed (no signature, mismatch, too old) and never the secret.
            throw invalid("The Stripe-Signature header does not verify: " + e.getMessage());
        }
    }

    private static DomainException invalid(String message) {
        return new DomainException(DomainException.Kind.INVALID, "invalid_signature", message);
    }

    @Override
    public String toString() {
        return "StripeSignature[secret=<hidden>]";
    }
}
