package com.cloudmusic.aws;

import static com.cloudmusic.aws.Attr.n;
import static com.cloudmusic.aws.Attr.s;

import com.cloudmusic.access.Caller;
import com.cloudmusic.quota.Charge;
import com.cloudmusic.quota.ChargeSource;
import com.cloudmusic.quota.Quota;
import com.cloudmusic.quota.QuotaExhaustedException;
import com.cloudmusic.quota.QuotaLedger;
import com.cloudmusic.quota.TooManyActiveJobsException;
import com.cloudmusic.quota.UtcDay;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The quota ledger on DynamoDB. One item per fingerprint holds today's free use, paid credits and the
 * number of jobs in flight; each charge is a single conditional update (or, for a wallet credit, one
 * transaction), so concurrent requests can never spend the same unit twice.
 */
public final class DynamoQuotaLedger implements QuotaLedger {

    static final String FREE_DAY = "freeDay";
    static final String FREE_USED = "freeUsed";
    static final String CREDITS = "credits";
    static final String ACTIVE = "active";
    private static final String ROW = "quota";
    private static final String WALLET_ROW = "wallet";
    private static final int MAX_ATTEMPTS = 8;
    private static final String ACTIVE_ROOM = "(attribute_not_exists(active) OR active < :max)";

    private final DynamoDbClient dynamo;
    private final String table;
    private final int freeDailyLimit;
    private final int maxActiveJobs;

    public DynamoQuotaLedger(DynamoDbClient dynamo, String table, int freeDailyLimit, int maxActiveJobs) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo == null");
        this.table = Objects.requireNonNull(table, "table == null");
        this.freeDailyLimit = freeDailyLimit;
        this.maxActiveJobs = maxActiveJobs;
    }

    @Override
    public Quota quota(Caller caller, Instant now) {
        return quotaOf(read(TableLayout.quotaKey(caller.fingerprint()), ROW), walletCredits(caller), now);
    }

    private Quota quotaOf(Map<String, AttributeValue> item, long walletCredits, Instant now) {
        String today = UtcDay.of(now);
        long used = today.equals(Attr.string(item, FREE_DAY)) ? Attr.number(item, FREE_USED, 0) : 0;
        int remaining = (int) Math.max(0, freeDailyLimit - used);
        long credits = Math.max(0, Attr.number(item, CREDITS, 0)) + Math.max(0, walletCredits);
        return new Quota(freeDailyLimit, remaining, credits, UtcDay.nextMidnight(now));
    }

    @Override
    public Charge charge(Caller caller, Instant now) {
        if (caller.walletHash().isPresent()) {
            Charge walletCharge = chargeWallet(caller, caller.walletHash().get());
            if (walletCharge != null) {
                return walletCharge;
            }
        }
        String pk = TableLayout.quotaKey(caller.fingerprint());
        String today = UtcDay.of(now);
        Map<String, AttributeValue> seen = null; // what the last failed write saw; null before the first
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            boolean tryCredit = seen == null || Attr.number(seen, CREDITS, 0) > 0;
            if (seen != null && Attr.number(seen, ACTIVE, 0) >= maxActiveJobs) {
                throw new TooManyActiveJobsException(maxActiveJobs);
            }
            try {
                if (tryCredit) {
                    update(pk, "SET credits = credits - :one, active = if_not_exists(active, :zero) + :one",
                            "credits > :zero AND " + ACTIVE_ROOM, Map.of());
                    return Charge.credit();
                }
                if (today.equals(Attr.string(seen, FREE_DAY))) {
                    if (Attr.number(seen, FREE_USED, 0) >= freeDailyLimit) {
                        throw new QuotaExhaustedException(quotaOf(seen, walletCredits(caller), now), now);
                    }
                    update(pk, "SET freeUsed = freeUsed + :one, active = if_not_exists(active, :zero) + :one",
                            "freeDay = :today AND freeUsed < :limit AND " + ACTIVE_ROOM, Map.of(":today", s(today)));
                } else {
                    if (freeDailyLimit <= 0) {
                        throw new QuotaExhaustedException(quotaOf(seen, walletCredits(caller), now), now);
                    }
                    // First free unit of this UTC day: yesterday's count is simply overwritten.
                    update(pk, "SET freeDay = :today, freeUsed = :one, active = if_not_exists(active, :zero) + :one",
                            "(attribute_not_exists(freeDay) OR freeDay <> :today) AND " + ACTIVE_ROOM,
                            Map.of(":today", s(today)));
                }
                return Charge.free(today);
            } catch (ConditionalCheckFailedException e) {
                seen = e.hasItem() ? e.item() : Map.of();
            }
        }
        // Heavy contention on one caller: answer as busy rather than guess.
        throw new TooManyActiveJobsException(maxActiveJobs);
    }

    private long walletCredits(Caller caller) {
        return caller.walletHash()
                .map(hash -> Attr.number(read(TableLayout.walletKey(hash), WALLET_ROW), CREDITS, 0))
                .orElse(0L);
    }

    /** Spends a wallet credit and takes an active slot in one transaction; null when the wallet is empty. */
    private Charge chargeWallet(Caller caller, String walletHash) {
        Map<String, AttributeValue> values = Map.of(":one", n(1), ":zero", n(0), ":max", n(maxActiveJobs));
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().update(Update.builder().tableName(table)
                            .key(Attr.key(TableLayout.walletKey(walletHash), WALLET_ROW))
                            .updateExpression("SET credits = credits - :one")
                            .conditionExpression("credits > :zero")
                            .expressionAttributeValues(Map.of(":one", n(1), ":zero", n(0)))
                            .build()).build(),
                    TransactWriteItem.builder().update(Update.builder().tableName(table)
                            .key(Attr.key(TableLayout.quotaKey(caller.fingerprint()), ROW))
                            .updateExpression("SET active = if_not_exists(active, :zero) + :one")
                            .conditionExpression(ACTIVE_ROOM)
                            .expressionAttributeValues(values)
                            .build()).build()));
            return Charge.wallet(walletHash);
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (reasons.size() > 1 && "ConditionalCheckFailed".equals(reasons.get(1).code())) {
                throw new TooManyActiveJobsException(maxActiveJobs);
            }
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return null;
            }
            throw e;
        }
    }

    private void update(String pk, String expression, String condition, Map<String, AttributeValue> extra) {
        Map<String, AttributeValue> values = new HashMap<>(extra);
        values.put(":one", n(1));
        values.put(":zero", n(0));
        values.put(":max", n(maxActiveJobs));
        if (condition.contains(":limit")) {
            values.put(":limit", n(freeDailyLimit));
        }
        values.keySet().removeIf(k -> !expression.contains(k) && !condition.contains(k));
        dynamo.updateItem(UpdateItemRequest.builder()
                .tableName(table)
                .key(Attr.key(pk, ROW))
                .updateExpression(expression)
                .conditionExpression(condition)
                .expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build());
    }

    @Override
    public void giveBack(String fingerprint, Charge charge, Instant now) {
        List<TransactWriteItem> items = GiveBack.items(table, fingerprint, charge, now, true);
        if (items.isEmpty()) {
            return;
        }
        try {
            dynamo.transactWriteItems(t -> t.transactItems(items));
        } catch (TransactionCanceledException e) {
            // The free unit belonged to an earlier UTC day: only the active slot comes back.
            dynamo.transactWriteItems(t -> t.transactItems(GiveBack.items(table, fingerprint, charge, now, false)));
        }
    }

    @Override
    public void addCredits(String fingerprint, long credits) {
        dynamo.updateItem(UpdateItemRequest.builder()
                .tableName(table)
                .key(Attr.key(TableLayout.quotaKey(fingerprint), ROW))
                .updateExpression("ADD credits :n")
                .expressionAttributeValues(Map.of(":n", n(credits)))
                .build());
    }

    private Map<String, AttributeValue> read(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(Attr.key(pk, sk)).consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }

    /** The writes that free an active slot and return a unit; shared with the job store's failure path. */
    static final class GiveBack {
        private GiveBack() {
        }

        /** Frees one of the owner's in-flight slots (a job finished, whatever its outcome). */
        static TransactWriteItem releaseSlot(String table, String fingerprint) {
            return TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(Attr.key(TableLayout.quotaKey(fingerprint), ROW))
                    .updateExpression("SET active = active - :one")
                    .expressionAttributeValues(Map.of(":one", n(1)))
                    .build()).build();
        }

        /**
         * @param refundFreeUnit false to free only the active slot (a free unit of an earlier day)
         */
        static List<TransactWriteItem> items(String table, String fingerprint, Charge charge, Instant now,
                boolean refundFreeUnit) {
            if (charge.source() == ChargeSource.NONE) {
                return List.of(); // the system's own track: no unit taken, no active slot held
            }
            String quotaPk = TableLayout.quotaKey(fingerprint);
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":one", n(1));
            StringBuilder expression = new StringBuilder("SET active = active - :one");
            String condition = null;
            if (charge.source() == ChargeSource.CREDIT) {
                expression.append(", credits = if_not_exists(credits, :zero) + :one");
                values.put(":zero", n(0));
            } else if (charge.source() == ChargeSource.FREE && refundFreeUnit && charge.day().equals(UtcDay.of(now))) {
                expression.append(", freeUsed = freeUsed - :one");
                condition = "freeDay = :day AND freeUsed > :zero";
                values.put(":day", s(charge.day()));
                values.put(":zero", n(0));
            }
            Update.Builder quota = Update.builder().tableName(table).key(Attr.key(quotaPk, ROW))
                    .updateExpression(expression.toString()).expressionAttributeValues(values);
            if (condition != null) {
                quota.conditionExpression(condition);
            }
            List<TransactWriteItem> items = new java.util.ArrayList<>();
            items.add(TransactWriteItem.builder().update(quota.build()).build());
            if (charge.source() == ChargeSource.WALLET) {
                items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(Attr.key(TableLayout.walletKey(charge.walletHash()), WALLET_ROW))
                        .updateExpression("ADD credits :one")
                        .expressionAttributeValues(Map.of(":one", n(1)))
                        .build()).build());
            }
            return items;
        }
    }
}
