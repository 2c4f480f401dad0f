package com.cloudmusic.publish.daily;

import java.util.Objects;

/** What happened when a {@link Channel} tried to post: posted, failed for good, or failed for now. */
public sealed interface DeliveryOutcome
        permits DeliveryOutcome.Posted, DeliveryOutcome.FailedPermanent, DeliveryOutcome.FailedTransient {

    /** The outcome as one word, for delivery records and logs. */
    enum Status { POSTED, FAILED_PERMANENT, FAILED_TRANSIENT }

    Status status();

    static DeliveryOutcome posted(String messageId) {
        return new Posted(messageId);
    }

    static DeliveryOutcome failedPermanent(String reason) {
        return new FailedPermanent(reason);
    }

    static DeliveryOutcome failedTransient(String reason) {
        return new FailedTransient(reason);
    }

    /** The remote side accepted the post; {@code messageId} is its id there. */
    record Posted(String messageId) implements DeliveryOutcome {
        public Posted {
            Objects.requireNonNull(messageId, "messageId == null");
        }

        @Override
        public Status status() {
            return Status.POSTED;
        }
    }

    /** Retrying the same post cannot help (bad credentials, unknown chat, file too large...). */
    record FailedPermanent(String reason) implements DeliveryOutcome {
        public FailedPermanent {
            Objects.requireNonNull(reason, "reason == null");
        }

        @Override
        public Status status() {
            return Status.FAILED_PERMANENT;
        }
    }

    /** The remote side was unavailable or rate-limited beyond our retries; a later run may succeed. */
    record FailedTransient(String reason) implements DeliveryOutcome {
        public FailedTransient {
            Objects.requireNonNull(reason, "reason == null");
        }

        @Override
        public Status status() {
            return Status.FAILED_TRANSIENT;
        }
    }
}
