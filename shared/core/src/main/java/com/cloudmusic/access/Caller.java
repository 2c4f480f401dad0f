package com.cloudmusic.access;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is asking: the anonymous fingerprint, and the hash of the wallet key when the request carried
 * one (payments). Raw IPs, User-Agents and wallet keys never get this far.
 */
public record Caller(String fingerprint, Optional<String> walletHash) {

    public Caller {
        Objects.requireNonNull(fingerprint, "fingerprint == null");
        Objects.requireNonNull(walletHash, "walletHash == null");
    }

    public static Caller anonymous(String fingerprint) {
        return new Caller(fingerprint, Optional.empty());
    }
}
