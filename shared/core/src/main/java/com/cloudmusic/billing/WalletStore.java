package com.cloudmusic.billing;

import java.time.Instant;

/** Wallets, known only by the keyed hash of their key; their credits are spent by the quota ledger. */
public interface WalletStore {

    /**
     * Creates an empty wallet (nothing happens if it exists), removed at {@code expiresAt} unless a
     * grant reaches it first (a grant makes it permanent).
     */
    void create(String walletHash, Instant now, Instant expiresAt);

    boolean exists(String walletHash);
}
