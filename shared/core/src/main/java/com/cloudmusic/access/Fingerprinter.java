package com.cloudmusic.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns the API Gateway source IP and the User-Agent into the anonymous caller id of SPEC §1:
 * HMAC-SHA256(secret, ip + "\n" + userAgent), hex. IPv6 addresses are cut to their /64 first, so one
 * household's rotating privacy addresses stay one caller. The raw values are never kept.
 */
public final class Fingerprinter {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public Fingerprinter(byte[] secret) {
        Objects.requireNonNull(secret, "secret == null");
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    public String fingerprint(String sourceIp, String userAgent) {
        Objects.requireNonNull(sourceIp, "sourceIp == null");
        Objects.requireNonNull(userAgent, "userAgent == null");
        return hmacHex(normaliseIp(sourceIp) + "\n" + userAgent);
    }

    /**
     * The keyed hash of the source network (SPEC §4.7): the IPv4 address, or the IPv6 /64, so rotating
     * User-Agents or privacy addresses from one network share one free pool.
     */
    public String network(String sourceIp) {
        Objects.requireNonNull(sourceIp, "sourceIp == null");
        return hmacHex("network\n" + normaliseIp(sourceIp));
    }

    /** A keyed hash of any secret value (wallet keys are stored only this way). */
    public String hmacHex(String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** IPv4 as given; IPv6 reduced to its /64 network prefix in canonical form. */
    static String normaliseIp(String ip) {
        String trimmed = ip.trim();
        if (!trimmed.contains(":")) {
            return trimmed;
        }
        String literal = trimmed.startsWith("[") && trimmed.endsWith("]") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (!literal.matches("[0-9A-Fa-f:.]+")) {
            return trimmed; // not an address: hash it as it is, never resolve it
        }
        try {
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            if (bytes.length != 16) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return trimmed;
        }
    }
}
