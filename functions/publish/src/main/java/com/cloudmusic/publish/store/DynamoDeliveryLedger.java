package com.cloudmusic.publish.store;

import static com.cloudmusic.aws.Attr.n;
import static com.cloudmusic.aws.Attr.s;

import com.cloudmusic.aws.Attr;
import com.cloudmusic.publish.daily.DeliveryLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Delivery records on DynamoDB: {@code delivery#<trackId>} / {@code <channel>}, with a status
 * (posting, posted, failed_transient, failed_permanent), the lease of the current claim and the number
 * of attempts. Every claim is one conditional update, so of ten concurrent runs exactly one wins.
 */
public final class DynamoDeliveryLedger implements DeliveryLedger {

    /**
     * How long a claim keeps other runs away. Longer than a Lambda may live (15 minutes), so a claim is
     * only retaken once the run that holds it is certainly gone.
     */
    public static final Duration LEASE = Duration.ofMinutes(16);

    static final String POSTING = "posting";
    static final String POSTED = "posted";
    static final String FAILED_TRANSIENT = "failed_transient";
    static final String FAILED_PERMANENT = "failed_permanent";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDeliveryLedger(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo == null");
        this.table = Objects.requireNonNull(table, "table == null");
    }

    static String pk(String trackId) {
        return "delivery#" + trackId;
    }

    @Override
    public Claim claim(String trackId, String channel, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":posting", s(POSTING));
        values.put(":transient", s(FAILED_TRANSIENT));
        values.put(":now", n(now.toEpochMilli()));
        values.put(":lease", n(now.plus(LEASE).toEpochMilli()));
        values.put(":zero", n(0));
        values.put(":one", n(1));
        values.put(":max", n(MAX_ATTEMPTS));
        values.put(":track", s(trackId));
        values.put(":channel", s(channel));
        values.put(":expires", Items.expiry(now));
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(u -> u.tableName(table)
                    .key(Attr.key(pk(trackId), channel))
                    .updateExpression("SET #status = :posting, leaseUntil = :lease, claimedAt = :now, "
                            + "attempts = if_not_exists(attempts, :zero) + :one, trackId = :track, channel = :channel, "
                            + "expiresAt = :expires")
                    .conditionExpression("attribute_not_exists(pk) OR ((#status = :transient "
                            + "OR (#status = :posting AND leaseUntil < :now)) AND attempts < :max)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                    .attributes();
            return new Claimed((int) Attr.number(item, "attempts", 1));
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.hasItem() && !e.item().isEmpty() ? e.item()
                    : dynamo.getItem(g -> g.tableName(table).key(Attr.key(pk(trackId), channel)).consistentRead(true))
                            .item();
            return refused(old, now);
        }
    }

    private static Claim refused(Map<String, AttributeValue> item, Instant now) {
        String status = Attr.string(item, "status");
        if (POSTED.equals(status)) {
            return new AlreadyPosted(Attr.string(item, "messageId"));
        }
        long leaseUntil = Attr.number(item, "leaseUntil", 0);
        if (POSTING.equals(status) && leaseUntil >= now.toEpochMilli()) {
            return new InProgress(Instant.ofEpochMilli(leaseUntil));
        }
        String reason = Attr.string(item, "reason");
        if (POSTING.equals(status)) {
            reason = "claimed " + MAX_ATTEMPTS + " times without a result";
        }
        return new GivenUp(reason == null ? "failed earlier" : reason);
    }

    @Override
    public void markPosted(String trackId, String channel, String messageId, Instant now) {
        // Unconditional: once the remote side has the post, recording it matters more than whose claim it was.
        dynamo.updateItem(u -> u.tableName(table).key(Attr.key(pk(trackId), channel))
                .updateExpression("SET #status = :posted, messageId = :id, postedAt = :now REMOVE leaseUntil, reason")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":posted", s(POSTED), ":id", s(messageId),
                        ":now", s(now.toString()))));
    }

    @Override
    public void markFailed(String trackId, String channel, boolean permanent, String reason, int attempt,
                           Instant now) {
        boolean givenUp = permanent || attempt >= MAX_ATTEMPTS;
        String recorded = permanent || !givenUp ? reason : "gave up after " + attempt + " attempts: " + reason;
        // Only the claim's owner may record a failure; a post recorded meanwhile is never overwritten.
        try {
            dynamo.updateItem(u -> u.tableName(table).key(Attr.key(pk(trackId), channel))
                    .updateExpression("SET #status = :status, reason = :reason, failedAt = :now REMOVE leaseUntil")
                    .conditionExpression("#status = :posting")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":status", s(givenUp ? FAILED_PERMANENT : FAILED_TRANSIENT),
                            ":reason", s(recorded), ":now", s(now.toString()), ":posting", s(POSTING))));
        } catch (ConditionalCheckFailedException e) {
            // Someone recorded a result first; theirs stands.
        }
    }
}
