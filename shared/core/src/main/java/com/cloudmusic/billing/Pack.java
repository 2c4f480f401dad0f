package com.cloudmusic.billing;

import java.util.Objects;

/**
 * A credit bundle on sale (SPEC §1): how many generations it buys, its price in the currency's minor
 * unit (cents for USD) and the label shown to buyers. Defined server-side only; clients name it by id.
 */
public record Pack(String id, long credits, long amount, String currency, String label) {

    public Pack {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(currency, "currency == null");
        Objects.requireNonNull(label, "label == null");
        if (credits <= 0 || amount <= 0) {
            throw new IllegalArgumentException("a pack needs positive credits and amount: " + id);
        }
    }
}
