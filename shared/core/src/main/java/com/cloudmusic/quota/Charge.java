package com.cloudmusic.quota;

import java.util.Objects;

/**
 * One unit taken for one generation, with what is needed to give it back: the UTC day for a free
 * unit, the wallet hash for a wallet credit.
 */
public record Charge(ChargeSource source, String day, String walletHash) {

    public Charge {
        Objects.requireNonNull(source, "source == null");
        if (source == ChargeSource.FREE) {
            Objects.requireNonNull(day, "day == null");
        }
        if (source == ChargeSource.WALLET) {
            Objects.requireNonNull(walletHash, "walletHash == null");
        }
    }

    public static Charge free(String day) {
        return new Charge(ChargeSource.FREE, day, null);
    }

    public static Charge credit() {
        return new Charge(ChargeSource.CREDIT, null, null);
    }

    /** Nothing was charged and no active slot was taken: there is nothing to give back. */
    public static Charge none() {
        return new Charge(ChargeSource.NONE, null, null);
    }

    public static Charge wallet(String walletHash) {
        return new Charge(ChargeSource.WALLET, null, walletHash);
    }
}
