package com.cloudmusic.billing;

import java.time.Instant;
import java.util.Objects;

/**
 * One checkout session and what it buys: recorded as pending when the session is created, with the
 * credits and price taken from the catalogue then, so a webhook never needs to trust a number from the
 * event.
 *
 * @param amount        the pack's price in the currency's minor unit (what refunds are measured against)
 * @param paymentIntent the provider's payment id, known once granted (refunds and disputes name it)
 * @param takenBack     credits reclaimed by refunds and disputes so far: those removed from the wallet
 *                      plus the shortfall already spent
 */
public record Purchase(String sessionId, String walletHash, String fingerprint, String packId, long credits,
        long amount, PurchaseStatus status, Instant createdAt, String paymentIntent, long takenBack) {

    public Purchase {
        Objects.requireNonNull(sessionId, "sessionId == null");
        Objects.requireNonNull(walletHash, "walletHash == null");
        Objects.requireNonNull(fingerprint, "fingerprint == null");
        Objects.requireNonNull(packId, "packId == null");
        Objects.requireNonNull(status, "status == null");
        Objects.requireNonNull(createdAt, "createdAt == null");
    }

    public static Purchase pending(String sessionId, String walletHash, String fingerprint, Pack pack, Instant now) {
        return new Purchase(sessionId, walletHash, fingerprint, pack.id(), pack.credits(), pack.amount(),
                PurchaseStatus.PENDING, now, null, 0);
    }
}
