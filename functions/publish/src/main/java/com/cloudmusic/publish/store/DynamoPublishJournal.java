package com.cloudmusic.publish.store;

import static com.cloudmusic.aws.Attr.n;
import static com.cloudmusic.aws.Attr.s;

import com.cloudmusic.aws.Attr;
import com.cloudmusic.publish.daily.PublishJournal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The run's memory on DynamoDB: {@code publish#state} / {@code state} (watermark and last completed run,
 * epoch milliseconds) and {@code daily#<date>} / {@code daily} (the day's track id, making or ready,
 * with a lease), all changed by conditional writes.
 */
public final class DynamoPublishJournal implements PublishJournal {

    /** Attempts at making one day's track before the day goes without one. */
    static final int MAX_DAILY_ATTEMPTS = 3;
    private static final String STATE_PK = "publish#state";
    private static final String DAILY_SK = "daily";
    private static final String MAKING = "making";
    private static final String READY = "ready";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoPublishJournal(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo == null");
        this.table = Objects.requireNonNull(table, "table == null");
    }

    @Override
    public Optional<Instant> watermark() {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(Attr.key(STATE_PK, "state"))
                .consistentRead(true)).item();
        if (item == null || !item.containsKey("watermark")) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(Attr.number(item, "watermark", 0)));
    }

    @Override
    public void advance(Instant watermark, Instant completedAt) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(Attr.key(STATE_PK, "state"))
                    .updateExpression("SET watermark = :w, lastRunAt = :at, lastRunAtIso = :iso")
                    .conditionExpression("attribute_not_exists(watermark) OR watermark <= :w")
                    .expressionAttributeValues(Map.of(":w", n(watermark.toEpochMilli()),
                            ":at", n(completedAt.toEpochMilli()), ":iso", s(completedAt.toString()))));
        } catch (ConditionalCheckFailedException e) {
            // A concurrent run got further; the watermark never moves back.
        }
    }

    static String dailyPk(String date) {
        return "daily#" + date;
    }

    @Override
    public DailyClaim claimDaily(String date, String newTrackId, Instant now, Duration lease) {
        Map<String, AttributeValue> key = Attr.key(dailyPk(date), DAILY_SK);
        try {
            Map<String, AttributeValue> item = new HashMap<>(key);
            item.put("trackId", s(newTrackId));
            item.put("status", s(MAKING));
            item.put("leaseUntil", n(now.plus(lease).toEpochMilli()));
            item.put("attempts", n(1));
            item.put("expiresAt", Items.expiry(now));
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return new MakeIt(newTrackId);
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> existing = dynamo.getItem(g -> g.tableName(table).key(key).consistentRead(true))
                    .item();
            String trackId = Attr.string(existing, "trackId");
            if (READY.equals(Attr.string(existing, "status"))) {
                return new Ready(trackId);
            }
            long leaseUntil = Attr.number(existing, "leaseUntil", 0);
            long attempts = Attr.number(existing, "attempts", 1);
            if (leaseUntil >= now.toEpochMilli()) {
                return new BeingMade(trackId);
            }
            if (attempts >= MAX_DAILY_ATTEMPTS) {
                return new GivenUp(trackId, Optional.ofNullable(Attr.string(existing, "reason"))
                        .orElse("not made after " + attempts + " attempts"));
            }
            try {
                // Retake the same claim: same track id, so a half-finished earlier attempt is simply redone.
                dynamo.updateItem(u -> u.tableName(table).key(key)
                        .updateExpression("SET leaseUntil = :lease, attempts = attempts + :one")
                        .conditionExpression("#status = :making AND leaseUntil = :old")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":lease", n(now.plus(lease).toEpochMilli()), ":one", n(1),
                                ":making", s(MAKING), ":old", n(leaseUntil))));
                return new MakeIt(trackId);
            } catch (ConditionalCheckFailedException raced) {
                return new BeingMade(trackId);
            }
        }
    }

    @Override
    public void dailyReady(String date, String trackId, Instant now) {
        dynamo.updateItem(u -> u.tableName(table).key(Attr.key(dailyPk(date), DAILY_SK))
                .updateExpression("SET #status = :ready, readyAt = :now REMOVE leaseUntil")
                .conditionExpression("trackId = :track")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":ready", s(READY), ":now", s(now.toString()),
                        ":track", s(trackId))));
    }

    @Override
    public void dailyFailed(String date, String reason, Instant now) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(Attr.key(dailyPk(date), DAILY_SK))
                    .updateExpression("SET leaseUntil = :expired, reason = :reason")
                    .conditionExpression("#status = :making")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":expired", n(now.toEpochMilli() - 1), ":reason", s(reason),
                            ":making", s(MAKING))));
        } catch (ConditionalCheckFailedException e) {
            // Made by someone else meanwhile.
        }
    }
}
