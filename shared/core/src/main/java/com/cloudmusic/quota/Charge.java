package com.cloudmusic.quota;

import java.util.Objects;

/**
 * The units taken for one job (one for a track, four for a kit), all from one source, with what is
 * needed to give them back: the UTC day (and the source network's pool, when it was counted) for free
 * units, the wallet hash for wallet credits.
 *
 * @param network the network whose free pool counted these units, or null
 * @param units   how many units the job cost, all given back together if it fails for good
 */
public record Charge(ChargeSource source, String day, String walletHash, String network, int units) {

    public Charge {
        Objects.requireNonNull(source, "source == null");
        if (units < 1) {
            throw new IllegalArgumentException("units < 1");
        }
        if (source == ChargeSource.FREE) {
            Objects.requireNonNull(day, "day == null");
        }
        if (source == ChargeSource.WALLET) {
            Objects.requireNonNull(walletHash, "walletHash == null");
        }
    }

    /** One unit. */
    public Charge(ChargeSource source, String day, String walletHash, String network) {
        this(source, day, walletHash, network, 1);
    }

    public Charge(ChargeSource source, String day, String walletHash) {
        this(source, day, walletHash, null);
    }

    /** The same source, for {@code count} units. */
    public Charge withUnits(int count) {
        return new Charge(source, day, walletHash, network, count);
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
