package com.cloudmusic.billing;

import java.util.Locale;

/** A purchase's state as {@code GET /v1/checkout/{sessionId}} reports it. */
public enum PurchaseStatus {
    /** Checkout opened; no verified payment yet. */
    PENDING,
    /** A verified webhook granted the credits. */
    PAID,
    /** The provider closed the session unpaid. */
    EXPIRED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PurchaseStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
