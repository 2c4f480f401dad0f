package com.cloudmusic.aws;

import static com.cloudmusic.aws.Attr.n;
import static com.cloudmusic.aws.Attr.s;

import com.cloudmusic.billing.Purchase;
import com.cloudmusic.billing.PurchaseStatus;
import com.cloudmusic.billing.Purchases;
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
 * Purchases on DynamoDB. A grant is one transaction of three conditional writes: the processed-event
 * marker (must not exist), the purchase (must not be granted yet) and the wallet's credits, so
 * duplicated, reordered or concurrent deliveries can never credit a session twice.
 */
public final class DynamoPurchases implements Purchases {

    static final String ROW = "purchase";
    static final String EVENT_ROW = "event";
    private static final String STATUS = "status";
    /** Concurrent deliveries of one event collide (TransactionConflict); the retry then sees the marker. */
    private static final int MAX_ATTEMPTS = 10;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoPurchases(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo == null");
        this.table = Objects.requireNonNull(table, "table == null");
    }

    @Override
    public void recordPending(Purchase purchase) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableLayout.PK, s(TableLayout.purchaseKey(purchase.sessionId())));
        item.put(TableLayout.SK, s(ROW));
        item.put(STATUS, s(purchase.status().wireName()));
        item.put("walletHash", s(purchase.walletHash()));
        item.put("fingerprint", s(purchase.fingerprint()));
        item.put("pack", s(purchase.packId()));
        item.put("credits", n(purchase.credits()));
        item.put("createdAt", s(purchase.createdAt().toString()));
        dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Optional<Purchase> find(String sessionId) {
        Map<String, AttributeValue> item = read(TableLayout.purchaseKey(sessionId));
        if (item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Purchase(sessionId, Attr.string(item, "walletHash"), Attr.string(item, "fingerprint"),
                Attr.string(item, "pack"), Attr.number(item, "credits", 0),
                PurchaseStatus.fromWire(Attr.string(item, STATUS)), Instant.parse(Attr.string(item, "createdAt")),
                Attr.string(item, "paymentIntent"), Attr.number(item, "takenBack", 0)));
    }

    @Override
    public Optional<Purchase> findByPaymentIntent(String paymentIntent) {
        String sessionId = Attr.string(read(TableLayout.paymentIntentKey(paymentIntent)), "sessionId");
        return sessionId == null ? Optional.empty() : find(sessionId);
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
    public GrantOutcome grant(Purchase purchase, String eventId, String eventType, String paymentIntent, Instant now,
            Instant markerExpiresAt) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(marker(eventId, eventType, purchase.sessionId(), now, markerExpiresAt));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":paid", s(PurchaseStatus.PAID.wireName()));
        values.put(":now", s(now.toString()));
        values.put(":event", s(eventId));
        String set = "SET #status = :paid, grantedAt = :now, grantEvent = :event";
        if (paymentIntent != null) {
            set += ", paymentIntent = :pi";
            values.put(":pi", s(paymentIntent));
        }
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Attr.key(TableLayout.purchaseKey(purchase.sessionId()), ROW))
                .updateExpression(set)
                .conditionExpression("attribute_exists(pk) AND attribute_not_exists(grantedAt)")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(values)
                .build()).build());
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Attr.key(TableLayout.walletKey(purchase.walletHash()), DynamoWallets.ROW))
                .updateExpression("ADD credits :credits")
                .expressionAttributeValues(Map.of(":credits", n(purchase.credits())))
                .build()).build());
        if (paymentIntent != null) {
            // Refunds and disputes name the payment intent, not the session: point it at the purchase.
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(Map.of(TableLayout.PK, s(TableLayout.paymentIntentKey(paymentIntent)), TableLayout.SK, s(ROW),
                            "sessionId", s(purchase.sessionId())))
                    .build()).build());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(t -> t.transactItems(items));
                return GrantOutcome.GRANTED;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (failed(reasons, 0)) {
                    return GrantOutcome.DUPLICATE_EVENT;
                }
                if (failed(reasons, 1)) {
                    return GrantOutcome.ALREADY_GRANTED;
                }
                if (!conflict(reasons) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public TakeBack takeBack(Purchase purchase, String eventId, String eventType, Instant now, Instant markerExpiresAt) {
        String walletPk = TableLayout.walletKey(purchase.walletHash());
        for (int attempt = 1; ; attempt++) {
            long balance = Math.max(0, Attr.number(read(walletPk, DynamoWallets.ROW), "credits", 0));
            long taken = Math.min(purchase.credits(), balance);
            List<TransactWriteItem> items = new ArrayList<>();
            items.add(marker(eventId, eventType, purchase.sessionId(), now, markerExpiresAt));
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(Attr.key(TableLayout.purchaseKey(purchase.sessionId()), ROW))
                    .updateExpression("SET takenBack = :taken, takenBackAt = :now, takeBackEvent = :event")
                    .conditionExpression("attribute_exists(grantedAt) AND attribute_not_exists(takenBackAt)")
                    .expressionAttributeValues(Map.of(":taken", n(taken), ":now", s(now.toString()), ":event", s(eventId)))
                    .build()).build());
            if (taken > 0) {
                items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(Attr.key(walletPk, DynamoWallets.ROW))
                        .updateExpression("SET credits = credits - :taken")
                        .conditionExpression("credits >= :taken")
                        .expressionAttributeValues(Map.of(":taken", n(taken)))
                        .build()).build());
            }
            try {
                dynamo.transactWriteItems(t -> t.transactItems(items));
                return new TakeBack(TakeBackOutcome.TAKEN_BACK, taken, purchase.credits() - taken);
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (failed(reasons, 0)) {
                    return new TakeBack(TakeBackOutcome.DUPLICATE_EVENT, 0, 0);
                }
                if (failed(reasons, 1)) {
                    return new TakeBack(TakeBackOutcome.ALREADY_TAKEN_BACK, 0, 0);
                }
                // A credit was spent between our read and the write: read the balance again.
                boolean balanceMoved = failed(reasons, 2);
                if ((!balanceMoved && !conflict(reasons)) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private TransactWriteItem marker(String eventId, String eventType, String sessionId, Instant now, Instant expiresAt) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of(TableLayout.PK, s(TableLayout.stripeEventKey(eventId)), TableLayout.SK, s(EVENT_ROW),
                        "type", s(eventType), "sessionId", s(sessionId), "processedAt", s(now.toString()),
                        TableLayout.TTL_ATTRIBUTE, n(expiresAt.getEpochSecond())))
                .conditionExpression("attribute_not_exists(pk)")
                .build()).build();
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static boolean conflict(List<CancellationReason> reasons) {
        return reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
    }

    private Map<String, AttributeValue> read(String pk) {
        return read(pk, ROW);
    }

    private Map<String, AttributeValue> read(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(Attr.key(pk, sk))
                .consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }
}
