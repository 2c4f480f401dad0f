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
 * once, a session granted once; refunds and disputes are remembered per payment (amounts only grow),
 * withheld by a grant that comes after them, and take back only what the merged amounts add; wallet
 * credits live in the ledger that spends them.
 */
public final class InMemoryPurchases implements Purchases, WalletStore {

    private final InMemoryQuotaLedger ledger;
    private final Map<String, Purchase> purchases = new HashMap<>();
    private final Set<String> processedEvents = new HashSet<>();
    private final Set<String> wallets = new HashSet<>();
    private final Map<String, Reversal> reversals = new HashMap<>();
    private final Map<String, String> sessionOfPayment = new HashMap<>();
    private final Map<String, Instant> checkedAt = new HashMap<>();

    public InMemoryPurchases(InMemoryQuotaLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public synchronized void create(String walletHash, Instant now, Instant expiresAt) {
        wallets.add(walletHash);
    }

    @Override
    public synchronized boolean exists(String walletHash) {
        return wallets.contains(walletHash);
    }

    @Override
    public synchronized void recordPending(Purchase purchase, Instant expiresAt) {
        purchases.putIfAbsent(purchase.sessionId(), purchase);
    }

    @Override
    public synchronized Optional<Purchase> find(String sessionId) {
        return Optional.ofNullable(purchases.get(sessionId));
    }

    @Override
    public synchronized void markExpired(String sessionId) {
        Purchase p = purchases.get(sessionId);
        if (p != null && p.status() == PurchaseStatus.PENDING) {
            purchases.put(sessionId, with(p, PurchaseStatus.EXPIRED, p.paymentIntent(), p.takenBack()));
        }
    }

    @Override
    public synchronized boolean claimStatusCheck(String sessionId, Instant now, Instant staleBefore) {
        Instant last = checkedAt.get(sessionId);
        if (!purchases.containsKey(sessionId) || (last != null && !last.isBefore(staleBefore))) {
            return false;
        }
        checkedAt.put(sessionId, now);
        return true;
    }

    @Override
    public synchronized Grant grant(Purchase purchase, String eventId, String eventType, String paymentIntent,
            Instant now, Instant markerExpiresAt) {
        if (processedEvents.contains(eventId)) {
            return new Grant(GrantOutcome.DUPLICATE_EVENT, 0, 0);
        }
        Purchase p = purchases.get(purchase.sessionId());
        if (p.status() == PurchaseStatus.PAID) {
            return new Grant(GrantOutcome.ALREADY_GRANTED, 0, 0);
        }
        processedEvents.add(eventId);
        Reversal early = paymentIntent == null ? Reversal.NONE : reversals.getOrDefault(paymentIntent, Reversal.NONE);
        long reclaimed = early.creditsToReclaim(p.credits(), p.amount());
        ledger.addWalletCredits(p.walletHash(), p.credits() - reclaimed);
        purchases.put(p.sessionId(), with(p, PurchaseStatus.PAID, paymentIntent, reclaimed));
        if (paymentIntent != null) {
            sessionOfPayment.put(paymentIntent, p.sessionId());
        }
        return new Grant(GrantOutcome.GRANTED, p.credits() - reclaimed, reclaimed);
    }

    @Override
    public synchronized ReversalResult reverse(String paymentIntent, Reversal reversal, String eventId, String eventType,
            Instant now, Instant markerExpiresAt) {
        String sessionId = sessionOfPayment.get(paymentIntent);
        Purchase p = sessionId == null ? null : purchases.get(sessionId);
        if (processedEvents.contains(eventId)) {
            return new ReversalResult(ReversalOutcome.DUPLICATE_EVENT, p, 0, 0);
        }
        processedEvents.add(eventId);
        Reversal merged = reversals.getOrDefault(paymentIntent, Reversal.NONE).merge(reversal);
        reversals.put(paymentIntent, merged);
        if (p == null) {
            return new ReversalResult(ReversalOutcome.REMEMBERED, null, 0, 0);
        }
        long more = merged.creditsToReclaim(p.credits(), p.amount()) - p.takenBack();
        if (more <= 0) {
            return new ReversalResult(ReversalOutcome.NOTHING_MORE, p, 0, 0);
        }
        long taken = Math.min(more, Math.max(0, ledger.walletCredits(p.walletHash())));
        ledger.addWalletCredits(p.walletHash(), -taken);
        purchases.put(p.sessionId(), with(p, p.status(), p.paymentIntent(), p.takenBack() + more));
        return new ReversalResult(ReversalOutcome.TAKEN_BACK, p, taken, more - taken);
    }

    private static Purchase with(Purchase p, PurchaseStatus status, String paymentIntent, long takenBack) {
        return new Purchase(p.sessionId(), p.walletHash(), p.fingerprint(), p.packId(), p.credits(), p.amount(), status,
                p.createdAt(), paymentIntent, takenBack);
    }
}
