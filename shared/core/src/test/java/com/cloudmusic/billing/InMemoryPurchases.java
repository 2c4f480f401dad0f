package com.cloudmusic.billing;

import com.cloudmusic.quota.InMemoryQuotaLedger;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Purchases and wallets in memory, with the DynamoDB store's all-or-nothing moves: an event is processed
 * once, a session granted once and taken back once; wallet credits live in the ledger that spends them.
 */
public final class InMemoryPurchases implements Purchases, WalletStore {

    private final InMemoryQuotaLedger ledger;
    private final Map<String, Purchase> purchases = new HashMap<>();
    private final Set<String> processedEvents = new HashSet<>();
    private final Set<String> wallets = new HashSet<>();
    private final Set<String> takenBackSessions = new HashSet<>();

    public InMemoryPurchases(InMemoryQuotaLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public synchronized void create(String walletHash, Instant now) {
        wallets.add(walletHash);
    }

    @Override
    public synchronized boolean exists(String walletHash) {
        return wallets.contains(walletHash);
    }

    @Override
    public synchronized void recordPending(Purchase purchase) {
        purchases.putIfAbsent(purchase.sessionId(), purchase);
    }

    @Override
    public synchronized Optional<Purchase> find(String sessionId) {
        return Optional.ofNullable(purchases.get(sessionId));
    }

    @Override
    public synchronized Optional<Purchase> findByPaymentIntent(String paymentIntent) {
        return purchases.values().stream().filter(p -> paymentIntent.equals(p.paymentIntent())).findFirst();
    }

    @Override
    public synchronized void markExpired(String sessionId) {
        Purchase p = purchases.get(sessionId);
        if (p != null && p.status() == PurchaseStatus.PENDING) {
            purchases.put(sessionId, new Purchase(p.sessionId(), p.walletHash(), p.fingerprint(), p.packId(), p.credits(),
                    PurchaseStatus.EXPIRED, p.createdAt(), p.paymentIntent(), p.takenBack()));
        }
    }

    @Override
    public synchronized GrantOutcome grant(Purchase purchase, String eventId, String eventType, String paymentIntent,
            Instant now, Instant markerExpiresAt) {
        if (processedEvents.contains(eventId)) {
            return GrantOutcome.DUPLICATE_EVENT;
        }
        Purchase p = purchases.get(purchase.sessionId());
        if (p.status() == PurchaseStatus.PAID) {
            return GrantOutcome.ALREADY_GRANTED;
        }
        processedEvents.add(eventId);
        ledger.addWalletCredits(p.walletHash(), p.credits());
        purchases.put(p.sessionId(), new Purchase(p.sessionId(), p.walletHash(), p.fingerprint(), p.packId(), p.credits(),
                PurchaseStatus.PAID, p.createdAt(), paymentIntent, p.takenBack()));
        return GrantOutcome.GRANTED;
    }

    @Override
    public synchronized TakeBack takeBack(Purchase purchase, String eventId, String eventType, Instant now,
            Instant markerExpiresAt) {
        if (processedEvents.contains(eventId)) {
            return new TakeBack(TakeBackOutcome.DUPLICATE_EVENT, 0, 0);
        }
        Purchase p = purchases.get(purchase.sessionId());
        if (p.paymentIntent() == null) {
            throw new IllegalStateException("take-back of a purchase never granted");
        }
        if (!takenBackSessions.add(p.sessionId())) {
            return new TakeBack(TakeBackOutcome.ALREADY_TAKEN_BACK, 0, 0);
        }
        processedEvents.add(eventId);
        long taken = Math.min(p.credits(), Math.max(0, ledger.walletCredits(p.walletHash())));
        ledger.addWalletCredits(p.walletHash(), -taken);
        purchases.put(p.sessionId(), new Purchase(p.sessionId(), p.walletHash(), p.fingerprint(), p.packId(), p.credits(),
                p.status(), p.createdAt(), p.paymentIntent(), taken));
        return new TakeBack(TakeBackOutcome.TAKEN_BACK, taken, p.credits() - taken);
    }
}
