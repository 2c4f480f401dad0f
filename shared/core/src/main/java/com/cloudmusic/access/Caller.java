package com.cloudmusic.access;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is asking: the anonymous fingerprint, the hash of the wallet key when the request carried one
 * (payments), and the keyed hash of the source network (the free pool's daily ceiling per network).
 * Raw IPs, User-Agents and wallet keys never get this far.
 */
public record Caller(String fingerprint, Optional<String> walletHash, Optional<String> network) {

    public Caller {
        Objects.requireNonNull(fingerprint, "fingerprint == null");
        Objects.requireNonNull(walletHash, "walletHash == null");
        Objects.requireNonNull(network, "network == null");
    }

    /** A caller whose network is not known (tests, the publish run): no network ceiling applies. */
    public Caller(String fingerprint, Optional<String> walletHash) {
        this(fingerprint, walletHash, Optional.empty());
    }

    public static Caller anonymous(String fingerprint) {
        return new Caller(fingerprint, Optional.empty());
    }
}
