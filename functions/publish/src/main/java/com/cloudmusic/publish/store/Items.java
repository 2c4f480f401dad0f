package com.cloudmusic.publish.store;

import com.cloudmusic.aws.TableLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Attribute helpers for the publish run's items in the single table. */
final class Items {

    /** Publish items outlive the jobs they point at (30 days), so no expired record lets a post repeat. */
    static final Duration RETENTION = Duration.ofDays(40);

    private Items() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(TableLayout.PK, s(pk), TableLayout.SK, s(sk));
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static long number(Map<String, AttributeValue> item, String name, long fallback) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? fallback : Long.parseLong(value.n());
    }

    static AttributeValue expiry(Instant now) {
        return n(now.plus(RETENTION).getEpochSecond());
    }
}
