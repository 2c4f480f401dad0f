package com.cloudmusic.aws;

import static com.cloudmusic.aws.Attr.n;
import static com.cloudmusic.aws.Attr.s;

import com.cloudmusic.access.Caller;
import com.cloudmusic.quota.Charge;
import com.cloudmusic.quota.ChargeSource;
import com.cloudmusic.quota.Quota;
import com.cloudmusic.quota.QuotaExhaustedException;
import com.cloudmusic.quota.TooManyActiveJobsException;
import com.cloudmusic.quota.UtcDay;
import com.cloudmusic.tracks.Job;
import com.cloudmusic.tracks.JobLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The quota ledger on DynamoDB. One item per fingerprint holds today's free use, paid credits and the
 * number of jobs in flight; one item per source network holds the day's free pool. A charge reads them,
 * picks the source, and writes the source, the slots and the jobs in one conditional transaction; when a
 * condition fails (a concurrent charge got there first) it reads again and decides again, so concurrent
 * requests can never spend the same unit twice and no crash leaves a unit spent without its job.
 */
public final class DynamoQuotaLedger implements JobLedger {

    static final String FREE_DAY = "freeDay";
    static final String FREE_USED = "freeUsed";
    static final String CREDITS = "credits";
    static final String ACTIVE = "active";
    static final String SLOTS_CHANGED_AT = "slotsChangedAt";
    static final String ROW = "quota";
    static final String NETWORK_ROW = "free";
    /** The default free pool of one source network per UTC day (SPEC §4.7). */
    public static final int DEFAULT_NETWORK_LIMIT = 16;
    private static final int MAX_ATTEMPTS = 12;

    private final DynamoDbClient dynamo;
    private final String table;
    private final int freeDailyLimit;
    private final int maxActiveJobs;
    private final int networkDailyLimit;

    public DynamoQuotaLedger(DynamoDbClient dynamo, String table, int freeDailyLimit, int maxActiveJobs) {
        this(dynamo, table, freeDailyLimit, maxActiveJobs, DEFAULT_NETWORK_LIMIT);
    }

    public DynamoQuotaLedger(DynamoDbClient dynamo, String table, int freeDailyLimit, int maxActiveJobs,
            int networkDailyLimit) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo == null");
        this.table = Objects.requireNonNull(table, "table == null");
        this.freeDailyLimit = freeDailyLimit;
        this.maxActiveJobs = maxActiveJobs;
        this.networkDailyLimit = networkDailyLimit;
    }

    @Override
    public Quota quota(Caller caller, Instant now) {
        return quotaOf(read(TableLayout.quotaKey(caller.fingerprint()), ROW), walletCredits(caller), now);
    }

    private Quota quotaOf(Map<String, AttributeValue> item, long walletCredits, Instant now) {
        long used = usedToday(item, now);
        int remaining = (int) Math.max(0, freeDailyLimit - used);
        long credits = Math.max(0, Attr.number(item, CREDITS, 0)) + Math.max(0, walletCredits);
        return new Quota(freeDailyLimit, remaining, credits, UtcDay.nextMidnight(now));
    }

    private static long usedToday(Map<String, AttributeValue> item, Instant now) {
        return UtcDay.of(now).equals(Attr.string(item, FREE_DAY)) ? Attr.number(item, FREE_USED, 0) : 0;
    }

    @Override
    public Charge charge(Caller caller, int units, int slots, Function<Charge, List<Job>> jobsFor, Instant now) {
        if (units < 1 || slots < 1) {
            throw new IllegalArgumentException("units < 1 or slots < 1");
        }
        String today = UtcDay.of(now);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Map<String, AttributeValue> quota = read(TableLayout.quotaKey(caller.fingerprint()), ROW);
            Map<String, AttributeValue> wallet = caller.walletHash()
                    .map(hash -> read(TableLayout.walletKey(hash), DynamoWallets.ROW)).orElse(Map.of());
            long active = Attr.number(quota, ACTIVE, 0);
            if (active + slots > maxActiveJobs) {
                throw new TooManyActiveJobsException(maxActiveJobs);
            }
            List<TransactWriteItem> items = new ArrayList<>();
            Charge charge;
            Update.Builder quotaUpdate = slotsTaken(caller.fingerprint(), slots, now);
            if (Attr.number(wallet, CREDITS, 0) >= units) {
                charge = Charge.wallet(caller.walletHash().orElseThrow());
                items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(Attr.key(TableLayout.walletKey(charge.walletHash()), DynamoWallets.ROW))
                        // The wallet counts its in-flight units (a refunded purchase's owed units are settled against them).
                        .updateExpression("SET credits = credits - :units, active = if_not_exists(active, :zero) + :units")
                        .conditionExpression("credits >= :units")
                        .expressionAttributeValues(Map.of(":units", n(units), ":zero", n(0)))
                        .build()).build());
                items.add(TransactWriteItem.builder().update(quotaUpdate.build()).build());
            } else if (Attr.number(quota, CREDITS, 0) >= units) {
                charge = Charge.credit();
                items.add(TransactWriteItem.builder().update(spend(quotaUpdate, "credits = credits - :units",
                        "credits >= :units", Map.of(":units", n(units)))).build());
            } else {
                long used = usedToday(quota, now);
                if (used + units > freeDailyLimit) {
                    throw new QuotaExhaustedException(quotaOf(quota, Attr.number(wallet, CREDITS, 0), now), now);
                }
                if (today.equals(Attr.string(quota, FREE_DAY))) {
                    items.add(TransactWriteItem.builder().update(spend(quotaUpdate, "freeUsed = freeUsed + :units",
                            "freeDay = :today AND freeUsed <= :room", Map.of(":today", s(today),
                                    ":room", n(freeDailyLimit - units), ":units", n(units)))).build());
                } else {
                    // First free unit of this UTC day: yesterday's count is simply overwritten.
                    items.add(TransactWriteItem.builder().update(spend(quotaUpdate, "freeDay = :today, freeUsed = :units",
                            "(attribute_not_exists(freeDay) OR freeDay <> :today)", Map.of(":today", s(today), ":units", n(units)))).build());
                }
                if (caller.network().isPresent()) {
                    String network = caller.network().get();
                    Map<String, AttributeValue> pool = networkPool(network);
                    if (networkUsed(pool, today) + units > networkDailyLimit) {
                        throw QuotaExhaustedException.networkPool(quotaOf(quota, Attr.number(wallet, CREDITS, 0), now),
                                networkDailyLimit, now);
                    }
                    items.add(networkSpend(network, pool, today, units, now));
                    charge = Charge.free(today, network);
                } else {
                    charge = Charge.free(today);
                }
            }
            charge = charge.withUnits(units);
            List<Job> jobs = jobsFor.apply(charge);
            if (jobs.size() != slots) {
                throw new IllegalArgumentException("one job per slot: " + slots + " slots, " + jobs.size() + " jobs");
            }
            for (Job job : jobs) {
                items.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(DynamoJobStore.toItem(job))
                        .conditionExpression("attribute_not_exists(pk)").build()).build());
            }
            try {
                dynamo.transactWriteItems(t -> t.transactItems(items));
                return charge;
            } catch (TransactionCanceledException e) {
                if (!retryable(e)) {
                    throw e;
                }
                // A concurrent charge or finish moved what we read: read again and decide again.
            }
        }
        // Heavy contention on one caller: answer as busy rather than guess.
        throw new TooManyActiveJobsException(maxActiveJobs);
    }

    /** The quota row's part of every charge: slots taken, their time, and the reconciler's index entry. */
    private Update.Builder slotsTaken(String fingerprint, int slots, Instant now) {
        return Update.builder().tableName(table).key(Attr.key(TableLayout.quotaKey(fingerprint), ROW))
                .updateExpression("SET active = if_not_exists(active, :zero) + :slots, slotsChangedAt = :now, "
                        + "openPk = :open, openSk = :fp")
                .conditionExpression("(attribute_not_exists(active) OR active <= :slotRoom)")
                .expressionAttributeValues(Map.of(":zero", n(0), ":slots", n(slots), ":now", s(now.toString()),
                        ":open", s(TableLayout.OPEN_CALLER), ":fp", s(fingerprint), ":slotRoom", n(maxActiveJobs - slots)));
    }

    private static Update spend(Update.Builder slots, String set, String condition, Map<String, AttributeValue> values) {
        Update base = slots.build();
        Map<String, AttributeValue> all = new HashMap<>(base.expressionAttributeValues());
        all.putAll(values);
        return base.toBuilder()
                .updateExpression(base.updateExpression() + ", " + set)
                .conditionExpression(base.conditionExpression() + " AND " + condition)
                .expressionAttributeValues(all)
                .build();
    }

    private Map<String, AttributeValue> networkPool(String network) {
        return read(TableLayout.networkKey(network), NETWORK_ROW);
    }

    private static long networkUsed(Map<String, AttributeValue> pool, String today) {
        return today.equals(Attr.string(pool, "day")) ? Attr.number(pool, "used", 0) : 0;
    }

    private TransactWriteItem networkSpend(String network, Map<String, AttributeValue> pool, String today, int units,
            Instant now) {
        long expires = UtcDay.nextMidnight(now).plus(Duration.ofDays(1)).getEpochSecond();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":today", s(today), ":units", n(units),
                ":expires", n(expires)));
        Update.Builder update = Update.builder().tableName(table)
                .key(Attr.key(TableLayout.networkKey(network), NETWORK_ROW))
                .expressionAttributeNames(Map.of("#day", "day"));
        if (today.equals(Attr.string(pool, "day"))) {
            values.put(":room", n(networkDailyLimit - units));
            update.updateExpression("SET used = used + :units, expiresAt = :expires")
                    .conditionExpression("#day = :today AND used <= :room");
        } else {
            // First free unit of this network today: yesterday's count is simply overwritten.
            update.updateExpression("SET #day = :today, used = :units, expiresAt = :expires")
                    .conditionExpression("attribute_not_exists(#day) OR #day <> :today");
        }
        return TransactWriteItem.builder().update(update.expressionAttributeValues(values).build()).build();
    }

    /** A condition moved or a concurrent transaction touched the same items: worth deciding again. */
    static boolean retryable(TransactionCanceledException e) {
        if (!e.hasCancellationReasons()) {
            return false;
        }
        boolean any = false;
        for (CancellationReason reason : e.cancellationReasons()) {
            String code = reason.code();
            if ("ConditionalCheckFailed".equals(code) || "TransactionConflict".equals(code)) {
                any = true;
            } else if (code != null && !"None".equals(code)) {
                return false;
            }
        }
        return any;
    }

    private long walletCredits(Caller caller) {
        return caller.walletHash()
                .map(hash -> Attr.number(read(TableLayout.walletKey(hash), DynamoWallets.ROW), CREDITS, 0))
                .orElse(0L);
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

    @Override
    public List<SlotHolder> slotHolders() {
        List<SlotHolder> holders = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(table).indexName(TableLayout.OPEN_INDEX)
                        .keyConditionExpression("openPk = :caller")
                        .expressionAttributeValues(Map.of(":caller", s(TableLayout.OPEN_CALLER))))
                .items().forEach(item -> {
                    String changed = Attr.string(item, SLOTS_CHANGED_AT);
                    holders.add(new SlotHolder(Attr.string(item, TableLayout.OPEN_SK), Attr.number(item, ACTIVE, 0),
                            changed == null ? Instant.EPOCH : Instant.parse(changed)));
                });
        return holders;
    }

    @Override
    public boolean repairSlots(SlotHolder seen, long unfinishedJobs) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":seen", n(seen.active()));
        values.put(":actual", n(unfinishedJobs));
        String condition;
        if (seen.changedAt().equals(Instant.EPOCH)) {
            condition = "active = :seen AND attribute_not_exists(slotsChangedAt)";
        } else {
            condition = "active = :seen AND slotsChangedAt = :changed";
            values.put(":changed", s(seen.changedAt().toString()));
        }
        // Back at zero: the caller leaves the reconciler's index until their next charge.
        String update = unfinishedJobs == 0 ? "SET active = :actual REMOVE openPk, openSk" : "SET active = :actual";
        try {
            dynamo.updateItem(u -> u.tableName(table).key(Attr.key(TableLayout.quotaKey(seen.fingerprint()), ROW))
                    .updateExpression(update).conditionExpression(condition).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException moved) {
            return false;
        }
    }

    private Map<String, AttributeValue> read(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(Attr.key(pk, sk)).consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }

    /** The writes that free in-flight slots and return units; shared with the job store's finishing paths. */
    static final class GiveBack {
        private GiveBack() {
        }

        /**
         * Frees a finished job's in-flight slot, and its wallet's for a wallet credit, whatever its outcome.
         *
         * @param wallet the charged wallet as just read (empty for other sources)
         */
        static List<TransactWriteItem> releaseSlots(String table, Job job, Map<String, AttributeValue> wallet, Instant now) {
            List<TransactWriteItem> items = new ArrayList<>();
            if (job.charge().source() == ChargeSource.NONE) {
                return items; // the system's own track: no slot was taken
            }
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(Attr.key(TableLayout.quotaKey(job.owner()), ROW))
                    .updateExpression("SET active = active - :one, slotsChangedAt = :now")
                    .expressionAttributeValues(Map.of(":one", n(1), ":now", s(now.toString())))
                    .build()).build());
            if (job.charge().source() == ChargeSource.WALLET) {
                items.add(walletRelease(table, job.charge().walletHash(), wallet, false, job.charge().units()));
            }
            return items;
        }

        /**
         * A wallet's in-flight units come back (one for a track, four for a kit), and with {@code giveUnits}
         * its credits. The wallet's {@code owed} counts its in-flight units whose purchase was refunded after
         * they were spent: a give-back cancels owed units instead of refilling the wallet, and a job that
         * finishes while more units are owed than stay in flight settles the difference. Conditioned on what
         * was read, so a concurrent change makes the caller read again.
         */
        static TransactWriteItem walletRelease(String table, String walletHash, Map<String, AttributeValue> wallet,
                boolean giveUnits, int units) {
            long owed = Attr.number(wallet, "owed", 0);
            long active = Attr.number(wallet, ACTIVE, 0);
            long settled = owed <= 0 ? 0
                    : giveUnits ? Math.min(owed, units) : Math.max(0, Math.min(units, owed - (active - units)));
            long refill = giveUnits ? units - settled : 0;
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":minus", n(-units));
            values.put(":zero", n(0));
            String add = "ADD active :minus" + (refill > 0 ? ", credits :refill" : "");
            if (refill > 0) {
                values.put(":refill", n(refill));
            }
            String condition;
            if (units > 1 && owed > 0) {
                // Several units at once: only the exact state read decides how many are owed.
                condition = "owed = :owed AND active = :active";
                values.remove(":zero");
                values.put(":owed", n(owed));
                values.put(":active", n(active));
            } else if (settled > 0) {
                condition = giveUnits ? "owed > :zero" : "owed > :zero AND owed >= active";
            } else if (giveUnits || units > 1) {
                condition = "attribute_not_exists(owed) OR owed <= :zero";
            } else {
                condition = "attribute_not_exists(owed) OR owed <= :zero OR owed < active";
            }
            String update = add;
            if (settled > 0) {
                update = "SET owed = owed - :settled " + add;
                values.put(":settled", n(settled));
            }
            return TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(Attr.key(TableLayout.walletKey(walletHash), DynamoWallets.ROW))
                    .updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeValues(values)
                    .build()).build();
        }

        /**
         * @param refundFreeUnit false to free only the active slot (a free unit of an earlier day)
         * @param wallet         the charged wallet as just read (empty for other sources)
         */
        static List<TransactWriteItem> items(String table, Job job, Map<String, AttributeValue> wallet, Instant now,
                boolean refundFreeUnit) {
            Charge charge = job.charge();
            if (charge.source() == ChargeSource.NONE) {
                return List.of(); // the system's own track: no unit taken, no active slot held
            }
            String quotaPk = TableLayout.quotaKey(job.owner());
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":one", n(1));
            values.put(":now", s(now.toString()));
            // One slot per job; every unit the job cost goes back (four for a kit).
            StringBuilder expression = new StringBuilder("SET active = active - :one, slotsChangedAt = :now");
            String condition = null;
            boolean freeBack = charge.source() == ChargeSource.FREE && refundFreeUnit && charge.day().equals(UtcDay.of(now));
            if (charge.source() == ChargeSource.CREDIT) {
                expression.append(", credits = if_not_exists(credits, :zero) + :units");
                values.put(":zero", n(0));
                values.put(":units", n(charge.units()));
            } else if (freeBack) {
                expression.append(", freeUsed = freeUsed - :units");
                condition = "freeDay = :day AND freeUsed >= :units";
                values.put(":day", s(charge.day()));
                values.put(":units", n(charge.units()));
            }
            Update.Builder quota = Update.builder().tableName(table).key(Attr.key(quotaPk, ROW))
                    .updateExpression(expression.toString()).expressionAttributeValues(values);
            if (condition != null) {
                quota.conditionExpression(condition);
            }
            List<TransactWriteItem> items = new ArrayList<>();
            items.add(TransactWriteItem.builder().update(quota.build()).build());
            if (freeBack && charge.network() != null) {
                items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(Attr.key(TableLayout.networkKey(charge.network()), NETWORK_ROW))
                        .updateExpression("SET used = used - :units")
                        .conditionExpression("#day = :day AND used >= :units")
                        .expressionAttributeNames(Map.of("#day", "day"))
                        .expressionAttributeValues(Map.of(":units", n(charge.units()), ":day", s(charge.day())))
                        .build()).build());
            }
            if (charge.source() == ChargeSource.WALLET) {
                items.add(walletRelease(table, charge.walletHash(), wallet, true, charge.units()));
            }
            return items;
        }
    }
}
