package com.cloudmusic.publish.store;

import com.cloudmusic.aws.Attr;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the publish run's items in the single table share beyond {@link Attr}: how long they are kept. */
final class Items {

    /** Publish items outlive the jobs they point at (30 days), so no expired record lets a post repeat. */
    static final Duration RETENTION = Duration.ofDays(40);

    private Items() {
    }

    static AttributeValue expiry(Instant now) {
        return Attr.n(now.plus(RETENTION).getEpochSecond());
    }
}
