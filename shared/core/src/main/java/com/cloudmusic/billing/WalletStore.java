package com.cloudmusic.billing;

import java.time.Instant;

/** Wallets, known only by the keyed hash of their key; their credits are spent by the quota ledger. */
public interface WalletStore {

    /** Creates an empty wallet (nothing happens if it exists). */
    void create(String walletHash, Instant now);

    boolean exists(String walletHash);
}
