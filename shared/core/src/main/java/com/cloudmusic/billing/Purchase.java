package com.cloudmusic.billing;

import java.time.Instant;
import java.util.Objects;

/**
 * One checkout session and what it buys: recorded as pending when the session is created, with the
 * credits taken from the catalogue then, so a webhook never needs to trust a number from the event.
 *
 * @param paymentIntent the provider's payment id, known once granted (refunds and disputes name it)
 * @param takenBack     credits removed again by a refund or dispute
 */
public record Purchase(String sessionId, String walletHash, String fingerprint, String packId, long credits,
        PurchaseStatus status, Instant createdAt, String paymentIntent, long takenBack) {

    public Purchase {
        Objects.requireNonNull(sessionId, "sessionId == null");
        Objects.requireNonNull(walletHash, "walletHash == null");
        Objects.requireNonNull(fingerprint, "fingerprint == null");
        Objects.requireNonNull(packId, "packId == null");
        Objects.requireNonNull(status, "status == null");
        Objects.requireNonNull(createdAt, "createdAt == null");
    }

    public static Purchase pending(String sessionId, String walletHash, String fingerprint, Pack pack, Instant now) {
        return new Purchase(sessionId, walletHash, fingerprint, pack.id(), pack.credits(), PurchaseStatus.PENDING, now,
                null, 0);
    }
}
