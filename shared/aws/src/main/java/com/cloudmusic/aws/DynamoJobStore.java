package com.cloudmusic.aws;

import static com.cloudmusic.aws.Attr.bool;
import static com.cloudmusic.aws.Attr.n;
import static com.cloudmusic.aws.Attr.s;

import com.cloudmusic.json.Json;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.quota.Charge;
import com.cloudmusic.quota.ChargeSource;
import com.cloudmusic.quota.UtcDay;
import com.cloudmusic.tracks.Job;
import com.cloudmusic.tracks.JobStore;
import com.cloudmusic.tracks.KitLink;
import com.cloudmusic.tracks.TrackStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Jobs on DynamoDB. Status changes are conditional on the current status, and the changes that finish
 * a job also free the owner's active slot (and give a unit back) in the same transaction, so each
 * happens exactly once whatever the number of deliveries.
 */
public final class DynamoJobStore implements JobStore {

    /** Finished jobs are removed by TTL after this long (SPEC §6). */
    static final Duration RETENTION = Duration.ofDays(30);
    private static final String ROW = "job";
    private static final String UNFINISHED = "#status IN (:queued, :generating)";
    /** Concurrent finishes of one caller's jobs collide on the quota row (TransactionConflict): try again. */
    private static final int MAX_ATTEMPTS = 10;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoJobStore(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo == null");
        this.table = Objects.requireNonNull(table, "table == null");
    }

    /**
     * Ids of every job still queued or generating, read with a consistent scan: the local runner's
     * recovery after a restart (ElasticMQ forgot their messages), never a request path.
     */
    public List<String> unfinishedJobIds() {
        List<String> ids = new ArrayList<>();
        var pages = dynamo.scanPaginator(scan -> scan.tableName(table)
                .consistentRead(true)
                .filterExpression("begins_with(#pk, :job) AND " + UNFINISHED)
                .projectionExpression("#id")
                .expressionAttributeNames(Map.of("#pk", TableLayout.PK, "#status", "status", "#id", "id"))
                .expressionAttributeValues(Map.of(":job", s(TableLayout.jobKey("")),
                        ":queued", s(TrackStatus.QUEUED.wireName()), ":generating", s(TrackStatus.GENERATING.wireName()))));
        for (Map<String, AttributeValue> item : pages.items()) {
            String id = Attr.string(item, "id");
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    @Override
    public List<Job> listUnfinished() {
        List<Job> jobs = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(table).indexName(TableLayout.OPEN_INDEX)
                        .keyConditionExpression("openPk = :job")
                        .expressionAttributeValues(Map.of(":job", s(TableLayout.OPEN_JOB))))
                .items().forEach(item -> jobs.add(fromItem(item)));
        return jobs;
    }

    @Override
    public boolean touchQueued(Job job, Instant now) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(Attr.key(TableLayout.jobKey(job.id()), ROW))
                    .updateExpression("SET updatedAt = :now")
                    .conditionExpression("#status = :queued AND updatedAt = :seen")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":now", s(now.toString()), ":queued", s("queued"),
                            ":seen", s(job.updatedAt().toString()))));
            return true;
        } catch (ConditionalCheckFailedException moved) {
            return false;
        }
    }

    @Override
    public boolean failStuck(Job job, String code, String message, Instant now) {
        return fail(job, code, message, true, now, "#status = :generating AND updatedAt = :seen", job.updatedAt());
    }

    @Override
    public Optional<Job> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(Attr.key(TableLayout.jobKey(id), ROW)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public List<Job> listByOwner(String owner, int limit) {
        List<Job> jobs = new ArrayList<>();
        dynamo.query(q -> q.tableName(table).indexName(TableLayout.OWNER_INDEX)
                        .keyConditionExpression("ownerPk = :owner")
                        .expressionAttributeValues(Map.of(":owner", s(owner)))
                        .scanIndexForward(false)
                        .limit(limit))
                .items().forEach(item -> jobs.add(fromItem(item)));
        return jobs;
    }

    @Override
    public Optional<Job> startGenerating(String id, Instant now) {
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(u -> u.tableName(table)
                    .key(Attr.key(TableLayout.jobKey(id), ROW))
                    .updateExpression("SET #status = :generating, updatedAt = :now")
                    .conditionExpression("attribute_exists(pk) AND " + UNFINISHED)
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":generating", s("generating"), ":queued", s("queued"),
                            ":now", s(now.toString())))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(fromItem(item));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean markReady(Job job, ReadyTrack result, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":ready", s("ready"));
        values.put(":generating", s("generating"));
        values.put(":now", s(now.toString()));
        values.put(":engine", s(result.engine()));
        values.put(":mp3", bool(result.hasMp3()));
        values.put(":png", bool(result.hasWaveform()));
        values.put(":mid", bool(result.hasMidi()));
        values.put(":bars", n(Math.max(1, result.bars())));
        values.put(":expires", n(now.plus(RETENTION).getEpochSecond()));
        StringBuilder expression = new StringBuilder("SET #status = :ready, updatedAt = :now, engine = :engine, "
                + "hasMp3 = :mp3, hasWaveform = :png, hasMidi = :mid, bars = :bars, expiresAt = :expires");
        if (result.measuredBpm() != null) {
            expression.append(", measuredBpm = :measured");
            values.put(":measured", n(result.measuredBpm()));
        }
        if (job.share()) {
            // Only opted-in tracks enter the by-day index the daily publish reads.
            expression.append(", dayPk = :day, daySk = :daySk");
            values.put(":day", s("shared#" + UtcDay.of(now)));
            values.put(":daySk", s(now + "#" + job.id()));
        }
        expression.append(" REMOVE openPk, openSk");
        Update jobUpdate = Update.builder().tableName(table).key(Attr.key(TableLayout.jobKey(job.id()), ROW))
                .updateExpression(expression.toString())
                .conditionExpression("#status = :generating")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values)
                .build();
        for (int attempt = 1; ; attempt++) {
            List<TransactWriteItem> items = new ArrayList<>();
            items.add(TransactWriteItem.builder().update(jobUpdate).build());
            items.addAll(DynamoQuotaLedger.GiveBack.releaseSlots(table, job, chargedWallet(job), now));
            try {
                dynamo.transactWriteItems(t -> t.transactItems(items));
                return true;
            } catch (TransactionCanceledException e) {
                if (jobConditionFailed(e)) {
                    return false;
                }
                if (!DynamoQuotaLedger.retryable(e) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public boolean markFailed(Job job, String code, String message, boolean giveBack, Instant now) {
        return fail(job, code, message, giveBack, now, UNFINISHED, null);
    }

    private boolean fail(Job job, String code, String message, boolean giveBack, Instant now, String jobCondition,
            Instant seenUpdatedAt) {
        boolean refundFree = true;
        for (int attempt = 1; ; attempt++) {
            try {
                failTransaction(job, code, message, giveBack, refundFree, now, jobCondition, seenUpdatedAt);
                return true;
            } catch (TransactionCanceledException e) {
                if (jobConditionFailed(e)) {
                    return false;
                }
                if (refundFree && job.charge().source() == ChargeSource.FREE && otherConditionFailed(e)) {
                    // The free unit belongs to an earlier UTC day: it stays spent, only the slot comes back.
                    refundFree = false;
                } else if (!DynamoQuotaLedger.retryable(e) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * @param jobCondition what must still hold of the job; {@code seenUpdatedAt} fills its {@code :seen}
     */
    private void failTransaction(Job job, String code, String message, boolean giveBack, boolean refundFree, Instant now,
            String jobCondition, Instant seenUpdatedAt) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":failed", s("failed"), ":now", s(now.toString()),
                ":code", s(code), ":message", s(message), ":queued", s("queued"), ":generating", s("generating"),
                ":expires", n(now.plus(RETENTION).getEpochSecond())));
        if (seenUpdatedAt != null) {
            values.put(":seen", s(seenUpdatedAt.toString()));
        }
        values.keySet().removeIf(k -> k.equals(":queued") && !jobCondition.contains(":queued"));
        Update jobUpdate = Update.builder().tableName(table).key(Attr.key(TableLayout.jobKey(job.id()), ROW))
                .updateExpression("SET #status = :failed, updatedAt = :now, errorCode = :code, errorMessage = :message, "
                        + "expiresAt = :expires REMOVE openPk, openSk")
                .conditionExpression(jobCondition)
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values)
                .build();
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(jobUpdate).build());
        if (giveBack) {
            items.addAll(DynamoQuotaLedger.GiveBack.items(table, job, chargedWallet(job), now, refundFree));
        } else {
            items.addAll(DynamoQuotaLedger.GiveBack.releaseSlots(table, job, chargedWallet(job), now));
        }
        dynamo.transactWriteItems(t -> t.transactItems(items));
    }

    /** The wallet a job's unit came from, as it stands now (empty for other sources). */
    private Map<String, AttributeValue> chargedWallet(Job job) {
        if (job.charge().source() != ChargeSource.WALLET) {
            return Map.of();
        }
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Attr.key(TableLayout.walletKey(job.charge().walletHash()), DynamoWallets.ROW))).item();
        return item == null ? Map.of() : item;
    }

    private static boolean otherConditionFailed(TransactionCanceledException e) {
        return e.hasCancellationReasons() && e.cancellationReasons().stream().skip(1)
                .anyMatch(r -> "ConditionalCheckFailed".equals(r.code()));
    }

    private static boolean jobConditionFailed(TransactionCanceledException e) {
        return e.hasCancellationReasons() && !e.cancellationReasons().isEmpty()
                && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code());
    }

    @Override
    public boolean createReady(Job job, Instant now) {
        if (job.status() != TrackStatus.READY) {
            throw new IllegalArgumentException("createReady takes a ready job, not " + job.status());
        }
        Map<String, AttributeValue> item = toItem(job);
        item.put(TableLayout.TTL_ATTRIBUTE, n(now.plus(RETENTION).getEpochSecond()));
        if (job.share()) {
            item.put(TableLayout.DAY_PK, s("shared#" + UtcDay.of(now)));
            item.put(TableLayout.DAY_SK, s(now + "#" + job.id()));
        }
        try {
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void saveRemoteId(String id, String remoteId) {
        dynamo.updateItem(u -> u.tableName(table).key(Attr.key(TableLayout.jobKey(id), ROW))
                .updateExpression("SET remoteId = :remote")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":remote", s(remoteId))));
    }

    static Map<String, AttributeValue> toItem(Job job) {
        LoopSpec spec = job.spec();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableLayout.PK, s(TableLayout.jobKey(job.id())));
        item.put(TableLayout.SK, s(ROW));
        item.put("id", s(job.id()));
        item.put("owner", s(job.owner()));
        item.put(TableLayout.OWNER_PK, s(job.owner()));
        item.put(TableLayout.OWNER_SK, s(job.createdAt() + "#" + job.id()));
        item.put("status", s(job.status().wireName()));
        item.put("mode", s(spec.mode().wireName()));
        item.put("type", s(spec.type().wireName()));
        item.put("bpm", n(spec.bpm()));
        item.put("bars", n(spec.bars()));
        item.put("key", s(spec.key()));
        item.put("seed", n(spec.seed()));
        item.put("intensity", n(spec.intensity()));
        item.put("dark", bool(spec.dark()));
        item.put("ambient", bool(spec.ambient()));
        item.put("energetic", bool(spec.energetic()));
        item.put("styleWords", AttributeValue.fromL(spec.styleWords().stream().map(Attr::s).toList()));
        item.put("specPrompt", s(spec.prompt()));
        item.put("params", s(Json.write(job.params())));
        if (job.userPrompt() != null) {
            item.put("userPrompt", s(job.userPrompt()));
        }
        item.put("share", bool(job.share()));
        item.put("chargeSource", s(job.charge().source().name()));
        if (job.charge().day() != null) {
            item.put("chargeDay", s(job.charge().day()));
        }
        if (job.charge().walletHash() != null) {
            item.put("chargeWallet", s(job.charge().walletHash()));
        }
        if (job.charge().network() != null) {
            item.put("chargeNetwork", s(job.charge().network()));
        }
        if (job.charge().units() != 1) {
            item.put("chargeUnits", n(job.charge().units()));
        }
        item.put("engine", s(job.engine()));
        if (job.measuredBpm() != null) {
            item.put("measuredBpm", n(job.measuredBpm()));
        }
        item.put("hasMp3", bool(job.hasMp3()));
        item.put("hasWaveform", bool(job.hasWaveform()));
        item.put("hasMidi", bool(job.hasMidi()));
        if (job.errorCode() != null) {
            item.put("errorCode", s(job.errorCode()));
            item.put("errorMessage", s(job.errorMessage()));
        }
        if (!job.status().finished()) {
            item.put(TableLayout.OPEN_PK, s(TableLayout.OPEN_JOB));
            item.put(TableLayout.OPEN_SK, s(job.owner() + "#" + job.createdAt() + "#" + job.id()));
        }
        item.put("createdAt", s(job.createdAt().toString()));
        item.put("updatedAt", s(job.updatedAt().toString()));
        if (job.remoteId() != null) {
            item.put("remoteId", s(job.remoteId()));
        }
        if (job.kit() != null) {
            item.put("kitId", s(job.kit().kitId()));
            item.put("kitRole", s(job.kit().role()));
        }
        return item;
    }

    static Job fromItem(Map<String, AttributeValue> item) {
        List<String> styleWords = item.containsKey("styleWords")
                ? item.get("styleWords").l().stream().map(AttributeValue::s).toList() : List.of();
        LoopSpec spec = new LoopSpec(
                Mode.fromWireName(Attr.string(item, "mode")).orElseThrow(),
                LoopType.fromWireName(Attr.string(item, "type")).orElseThrow(),
                (int) Attr.number(item, "bpm", 120),
                (int) Attr.number(item, "bars", 1),
                Attr.string(item, "key"),
                Long.parseLong(item.get("seed").n()),
                (int) Attr.number(item, "intensity", 3),
                Attr.flag(item, "dark"),
                Attr.flag(item, "ambient"),
                Attr.flag(item, "energetic"),
                styleWords,
                Attr.string(item, "specPrompt"));
        ChargeSource source = ChargeSource.valueOf(Attr.string(item, "chargeSource"));
        Charge charge = new Charge(source, Attr.string(item, "chargeDay"), Attr.string(item, "chargeWallet"),
                Attr.string(item, "chargeNetwork"), (int) Attr.number(item, "chargeUnits", 1));
        return new Job(
                Attr.string(item, "id"),
                Attr.string(item, "owner"),
                TrackStatus.fromWireName(Attr.string(item, "status")),
                spec,
                params(Attr.string(item, "params")),
                Attr.string(item, "userPrompt"),
                Attr.flag(item, "share"),
                charge,
                Attr.string(item, "engine"),
                Attr.decimal(item, "measuredBpm"),
                Attr.flag(item, "hasMp3"),
                Attr.flag(item, "hasWaveform"),
                Attr.string(item, "errorCode"),
                Attr.string(item, "errorMessage"),
                Instant.parse(Attr.string(item, "createdAt")),
                Instant.parse(Attr.string(item, "updatedAt")),
                Attr.string(item, "remoteId"),
                Attr.flag(item, "hasMidi"),
                KitLink.of(Attr.string(item, "kitId"), Attr.string(item, "kitRole")));
    }

    private static Map<String, Object> params(String json) {
        if (json == null) {
            return Map.of();
        }
        // Written by this store as a JSON object (see the item's "params"); anything else reads as none.
        @SuppressWarnings("unchecked")
        Map<String, Object> params = Json.readTree(json).map(Json::plain)
                .filter(Map.class::isInstance).map(Map.class::cast).orElse(Map.of());
        return params;
    }
}
