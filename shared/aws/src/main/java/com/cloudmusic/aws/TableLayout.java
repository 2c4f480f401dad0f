package com.cloudmusic.aws;

import java.util.List;

/**
 * The single DynamoDB table's shape, the one definition the adapters, the test harness and the
 * template check agree on. Items: quota per fingerprint ({@code fp#<hash>}/{@code quota}), wallets
 * ({@code wallet#<hash>}/{@code wallet}), jobs ({@code job#<id>}/{@code job}), purchases
 * ({@code checkout#<sessionId>}/{@code purchase}, plus {@code payment-intent#<id>}/{@code purchase} pointing
 * refunds at them), free pools per source network ({@code net#<hash>}/{@code free}) and markers for processed webhook events ({@code stripe-event#<id>}/{@code event}) and
 * publish deliveries. Three indexes: a caller's tracks, shared tracks by day, and what the reconciler watches.
 */
public final class TableLayout {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String OWNER_INDEX = "byOwner";
    public static final String OWNER_PK = "ownerPk";
    public static final String OWNER_SK = "ownerSk";
    public static final String DAY_INDEX = "byDay";
    public static final String DAY_PK = "dayPk";
    public static final String DAY_SK = "daySk";
    /**
     * Sparse index of what the reconciler watches: unfinished jobs ({@code job}, sorted by owner) and
     * callers holding in-flight slots ({@code caller}). Finishing a job removes it from the index.
     */
    public static final String OPEN_INDEX = "open";
    public static final String OPEN_PK = "openPk";
    public static final String OPEN_SK = "openSk";
    public static final String OPEN_JOB = "job";
    public static final String OPEN_CALLER = "caller";
    public static final String TTL_ATTRIBUTE = "expiresAt";

    /** A global secondary index: name, partition key, sort key (all strings, all attributes projected). */
    public record Index(String name, String partitionKey, String sortKey) {
    }

    public static final List<Index> INDEXES = List.of(
            new Index(OWNER_INDEX, OWNER_PK, OWNER_SK),
            new Index(DAY_INDEX, DAY_PK, DAY_SK),
            new Index(OPEN_INDEX, OPEN_PK, OPEN_SK));

    private TableLayout() {
    }

    public static String quotaKey(String fingerprint) {
        return "fp#" + fingerprint;
    }

    public static String walletKey(String walletHash) {
        return "wallet#" + walletHash;
    }

    public static String jobKey(String jobId) {
        return "job#" + jobId;
    }

    public static String purchaseKey(String sessionId) {
        return "checkout#" + sessionId;
    }

    public static String paymentIntentKey(String paymentIntent) {
        return "payment-intent#" + paymentIntent;
    }

    /** A source network's free pool of one UTC day. */
    public static String networkKey(String networkHash) {
        return "net#" + networkHash;
    }

    public static String stripeEventKey(String eventId) {
        return "stripe-event#" + eventId;
    }
}
