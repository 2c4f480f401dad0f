package com.cloudmusic.aws;

import static com.cloudmusic.aws.Attr.n;
import static com.cloudmusic.aws.Attr.s;

import com.cloudmusic.billing.Purchase;
import com.cloudmusic.billing.PurchaseStatus;
import com.cloudmusic.billing.Purchases;
import com.cloudmusic.billing.Reversal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Purchases on DynamoDB. Each money movement is one transaction of conditional writes: the
 * processed-event marker (must not exist), the purchase, the payment's record ({@code payment-intent#<id>}:
 * which session it paid, and the refunded and disputed amounts seen so far, in whatever order they came)
 * and the wallet. Every write is conditional on what was read, so duplicated, reordered or concurrent
 * deliveries move credits at most once: a transaction that lost a race reads again and decides again.
 */
public final class DynamoPurchases implements Purchases {

    static final String ROW = "purchase";
    static final String EVENT_ROW = "event";
    private static final String STATUS = "status";
    /** Concurrent deliveries collide (TransactionConflict, or a condition on what was read): read again. */
    private static final int MAX_ATTEMPTS = 12;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoPurchases(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo == null");
        this.table = Objects.requireNonNull(table, "table == null");
    }

    @Override
    public void recordPending(Purchase purchase, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableLayout.PK, s(TableLayout.purchaseKey(purchase.sessionId())));
        item.put(TableLayout.SK, s(ROW));
        item.put(STATUS, s(purchase.status().wireName()));
        item.put("walletHash", s(purchase.walletHash()));
        item.put("fingerprint", s(purchase.fingerprint()));
        item.put("pack", s(purchase.packId()));
        item.put("credits", n(purchase.credits()));
        item.put("amount", n(purchase.amount()));
        item.put("createdAt", s(purchase.createdAt().toString()));
        item.put(TableLayout.TTL_ATTRIBUTE, n(expiresAt.getEpochSecond()));
        dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Optional<Purchase> find(String sessionId) {
        Map<String, AttributeValue> item = read(TableLayout.purchaseKey(sessionId), ROW);
        if (item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Purchase(sessionId, Attr.string(item, "walletHash"), Attr.string(item, "fingerprint"),
                Attr.string(item, "pack"), Attr.number(item, "credits", 0), Attr.number(item, "amount", 0),
                PurchaseStatus.fromWire(Attr.string(item, STATUS)), Instant.parse(Attr.string(item, "createdAt")),
                Attr.string(item, "paymentIntent"), Attr.number(item, "takenBack", 0)));
    }

    @Override
    public void markExpired(String sessionId) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(Attr.key(TableLayout.purchaseKey(sessionId), ROW))
                    .updateExpression("SET #status = :expired")
                    .conditionExpression("#status = :pending")
                    .expressionAttributeNames(Map.of("#status", STATUS))
                    .expressionAttributeValues(Map.of(":expired", s(PurchaseStatus.EXPIRED.wireName()),
                            ":pending", s(PurchaseStatus.PENDING.wireName()))));
        } catch (ConditionalCheckFailedException notPending) {
            // paid meanwhile (or already expired): the webhook's word wins
        }
    }

    @Override
    public boolean claimStatusCheck(String sessionId, Instant now, Instant staleBefore) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(Attr.key(TableLayout.purchaseKey(sessionId), ROW))
                    .updateExpression("SET checkedAt = :now")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(checkedAt) OR checkedAt < :stale)")
                    .expressionAttributeValues(Map.of(":now", s(now.toString()), ":stale", s(staleBefore.toString()))));
            return true;
        } catch (ConditionalCheckFailedException checkedRecently) {
            return false;
        }
    }

    @Override
    public Grant grant(Purchase purchase, String eventId, String eventType, String paymentIntent, Instant now,
            Instant markerExpiresAt) {
        for (int attempt = 1; ; attempt++) {
            Map<String, AttributeValue> payment = paymentIntent == null ? Map.of()
                    : read(TableLayout.paymentIntentKey(paymentIntent), ROW);
            Reversal early = reversalOf(payment);
            long reclaimed = early.creditsToReclaim(purchase.credits(), purchase.amount());
            long credits = purchase.credits() - reclaimed;
            List<TransactWriteItem> items = new ArrayList<>();
            items.add(marker(eventId, eventType, purchase.sessionId(), now, markerExpiresAt));
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":paid", s(PurchaseStatus.PAID.wireName()));
            values.put(":now", s(now.toString()));
            values.put(":event", s(eventId));
            values.put(":reclaimed", n(reclaimed));
            String set = "SET #status = :paid, grantedAt = :now, grantEvent = :event, takenBack = :reclaimed";
            if (paymentIntent != null) {
                set += ", paymentIntent = :pi";
                values.put(":pi", s(paymentIntent));
            }
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(Attr.key(TableLayout.purchaseKey(purchase.sessionId()), ROW))
                    // Paid purchases stay: refunds and disputes may come months later.
                    .updateExpression(set + " REMOVE expiresAt")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(grantedAt)")
                    .expressionAttributeNames(Map.of("#status", STATUS))
                    .expressionAttributeValues(values)
                    .build()).build());
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(Attr.key(TableLayout.walletKey(purchase.walletHash()), DynamoWallets.ROW))
                    .updateExpression("ADD credits :credits REMOVE expiresAt")
                    .expressionAttributeValues(Map.of(":credits", n(credits)))
                    .build()).build());
            if (paymentIntent != null) {
                // Refunds and disputes name the payment intent, not the session: point it at the purchase,
                // provided no reversal arrived since we read it (else read again and withhold that too).
                Map<String, AttributeValue> seen = new HashMap<>(Map.of(":session", s(purchase.sessionId())));
                items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(Attr.key(TableLayout.paymentIntentKey(paymentIntent), ROW))
                        .updateExpression("SET sessionId = :session REMOVE expiresAt")
                        .conditionExpression(unchanged(payment, seen, "refunded", "disputed"))
                        .expressionAttributeValues(seen)
                        .build()).build());
            }
            try {
                dynamo.transactWriteItems(t -> t.transactItems(items));
                return new Grant(GrantOutcome.GRANTED, credits, reclaimed);
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (failed(reasons, 0)) {
                    return new Grant(GrantOutcome.DUPLICATE_EVENT, 0, 0);
                }
                if (failed(reasons, 1)) {
                    return new Grant(GrantOutcome.ALREADY_GRANTED, 0, 0);
                }
                if (!DynamoQuotaLedger.retryable(e) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public ReversalResult reverse(String paymentIntent, Reversal reversal, String eventId, String eventType, Instant now,
            Instant markerExpiresAt) {
        String paymentPk = TableLayout.paymentIntentKey(paymentIntent);
        for (int attempt = 1; ; attempt++) {
            Map<String, AttributeValue> payment = read(paymentPk, ROW);
            Reversal merged = reversalOf(payment).merge(reversal);
            String sessionId = Attr.string(payment, "sessionId");
            Purchase purchase = sessionId == null ? null : find(sessionId).orElse(null);
            List<TransactWriteItem> items = new ArrayList<>();
            items.add(marker(eventId, eventType, sessionId != null ? sessionId : paymentIntent, now, markerExpiresAt));
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":refunded", n(merged.refunded()),
                    ":disputed", n(merged.disputed())));
            String condition = unchanged(payment, values, "refunded", "disputed");
            String update = "SET refunded = :refunded, disputed = :disputed";
            if (purchase == null) {
                // Before its grant: remember it (the grant withholds its share), kept as long as event markers.
                condition = "attribute_not_exists(sessionId) AND " + condition;
                update += ", expiresAt = :expires";
                values.put(":expires", n(markerExpiresAt.getEpochSecond()));
            }
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(Attr.key(paymentPk, ROW)).updateExpression(update).conditionExpression(condition)
                    .expressionAttributeValues(values).build()).build());
            ReversalResult result;
            if (purchase == null) {
                result = new ReversalResult(ReversalOutcome.REMEMBERED, null, 0, 0);
            } else {
                long target = merged.creditsToReclaim(purchase.credits(), purchase.amount());
                long more = target - purchase.takenBack();
                if (more <= 0) {
                    result = new ReversalResult(ReversalOutcome.NOTHING_MORE, purchase, 0, 0);
                } else {
                    result = takeBack(purchase, target, more, eventId, now, items);
                }
            }
            try {
                dynamo.transactWriteItems(t -> t.transactItems(items));
                return result;
            } catch (TransactionCanceledException e) {
                if (failed(e.cancellationReasons(), 0)) {
                    return new ReversalResult(ReversalOutcome.DUPLICATE_EVENT, purchase, 0, 0);
                }
                if (!DynamoQuotaLedger.retryable(e) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Adds to {@code items} the writes that take {@code more} credits of the purchase back from its wallet:
     * what the wallet holds, never below zero. The rest (the shortfall, already spent) is owed by the
     * wallet's jobs still in flight, up to their number: when they fail, their give-back cancels it
     * instead of refilling the wallet.
     */
    private ReversalResult takeBack(Purchase purchase, long target, long more, String eventId, Instant now,
            List<TransactWriteItem> items) {
        Map<String, AttributeValue> purchaseValues = new HashMap<>(Map.of(":target", n(target), ":now", s(now.toString()),
                ":event", s(eventId)));
        if (purchase.takenBack() == 0) {
            purchaseValues.put(":zero", n(0));
        }
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Attr.key(TableLayout.purchaseKey(purchase.sessionId()), ROW))
                .updateExpression("SET takenBack = :target, takenBackAt = :now, takeBackEvent = :event")
                .conditionExpression("attribute_exists(grantedAt) AND " + (purchase.takenBack() == 0
                        ? "(attribute_not_exists(takenBack) OR takenBack = :zero)"
                        : unchanged(Map.of("takenBack", n(purchase.takenBack())), purchaseValues, "takenBack")))
                .expressionAttributeValues(purchaseValues)
                .build()).build());
        Map<String, AttributeValue> wallet = read(TableLayout.walletKey(purchase.walletHash()), DynamoWallets.ROW);
        long balance = Math.max(0, Attr.number(wallet, "credits", 0));
        long inFlight = Math.max(0, Attr.number(wallet, "active", 0));
        long owed = Math.max(0, Attr.number(wallet, "owed", 0));
        long taken = Math.min(more, balance);
        long shortfall = more - taken;
        long newlyOwed = Math.min(shortfall, Math.max(0, inFlight - owed));
        if (taken > 0 || newlyOwed > 0) {
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":taken", n(taken), ":owed", n(newlyOwed),
                    ":zero", n(0)));
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(Attr.key(TableLayout.walletKey(purchase.walletHash()), DynamoWallets.ROW))
                    .updateExpression("SET credits = credits - :taken, owed = if_not_exists(owed, :zero) + :owed")
                    .conditionExpression(unchanged(wallet, values, "credits", "active", "owed"))
                    .expressionAttributeValues(values)
                    .build()).build());
        }
        return new ReversalResult(ReversalOutcome.TAKEN_BACK, purchase, taken, shortfall);
    }

    private static Reversal reversalOf(Map<String, AttributeValue> payment) {
        return new Reversal(Math.max(0, Attr.number(payment, "refunded", 0)), Math.max(0, Attr.number(payment, "disputed", 0)));
    }

    /** A condition that each named attribute still has the value read (or is still missing). */
    private static String unchanged(Map<String, AttributeValue> read, Map<String, AttributeValue> values, String... names) {
        List<String> parts = new ArrayList<>();
        for (String name : names) {
            AttributeValue value = read.get(name);
            if (value == null) {
                parts.add("attribute_not_exists(" + name + ")");
            } else {
                values.put(":seen_" + name, value);
                parts.add(name + " = :seen_" + name);
            }
        }
        return "(" + String.join(" AND ", parts) + ")";
    }

    private TransactWriteItem marker(String eventId, String eventType, String subject, Instant now, Instant expiresAt) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of(TableLayout.PK, s(TableLayout.stripeEventKey(eventId)), TableLayout.SK, s(EVENT_ROW),
                        "type", s(eventType), "sessionId", s(subject), "processedAt", s(now.toString()),
                        TableLayout.TTL_ATTRIBUTE, n(expiresAt.getEpochSecond())))
                .conditionExpression("attribute_not_exists(pk)")
                .build()).build();
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private Map<String, AttributeValue> read(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(Attr.key(pk, sk))
                .consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }
}
