package com.cloudmusic.aws;

import static com.cloudmusic.aws.Attr.n;
import static com.cloudmusic.aws.Attr.s;

import com.cloudmusic.access.Throttle;
import com.cloudmusic.access.TooManyRequestsException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Fixed-window counters on DynamoDB ({@code rate#<action>#<caller>}/{@code <window start>}): one
 * conditional increment per use, so concurrent requests never exceed the limit; TTL removes old windows.
 */
public final class DynamoThrottle implements Throttle {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoThrottle(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo == null");
        this.table = Objects.requireNonNull(table, "table == null");
    }

    @Override
    public void acquire(String action, String caller, Limit limit, Instant now) {
        long window = limit.window().getSeconds();
        long start = now.getEpochSecond() / window * window;
        long end = start + window;
        try {
            dynamo.updateItem(u -> u.tableName(table)
                    .key(Attr.key("rate#" + action + "#" + caller, Long.toString(start)))
                    .updateExpression("ADD uses :one SET expiresAt = :expires")
                    .conditionExpression("attribute_not_exists(uses) OR uses < :limit")
                    .expressionAttributeValues(Map.of(":one", n(1), ":limit", n(limit.count()), ":expires", n(end + window))));
        } catch (ConditionalCheckFailedException spent) {
            throw new TooManyRequestsException(action, end - now.getEpochSecond());
        }
    }
}
