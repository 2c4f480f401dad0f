package com.cloudmusic.quota;

import java.util.Objects;

/**
 * One unit taken for one generation, with what is needed to give it back: the UTC day (and the source
 * network's pool, when it was counted) for a free unit, the wallet hash for a wallet credit.
 *
 * @param network the network whose free pool counted this unit, or null
 */
public record Charge(ChargeSource source, String day, String walletHash, String network) {

    public Charge {
        Objects.requireNonNull(source, "source == null");
        if (source == ChargeSource.FREE) {
            Objects.requireNonNull(day, "day == null");
        }
        if (source == ChargeSource.WALLET) {
            Objects.requireNonNull(walletHash, "walletHash == null");
        }
    }

    public Charge(ChargeSource source, String day, String walletHash) {
        this(source, day, walletHash, null);
    }

    public static Charge free(String day) {
        return new Charge(ChargeSource.FREE, day, null, null);
    }

    public static Charge free(String day, String network) {
        return new Charge(ChargeSource.FREE, day, null, network);
    }

    public static Charge credit() {
        return new Charge(ChargeSource.CREDIT, null, null, null);
    }

    /** Nothing was charged and no active slot was taken: there is nothing to give back. */
    public static Charge none() {
        return new Charge(ChargeSource.NONE, null, null);
    }

    public static Charge wallet(String walletHash) {
        return new Charge(ChargeSource.WALLET, null, walletHash, null);
    }
}
