package com.cloudmusic.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FingerprinterTest {

    private final Fingerprinter fingerprinter = new Fingerprinter("secret-one-0123456789".getBytes(StandardCharsets.UTF_8));

    @Test
    void fingerprint_isAKeyedHexHash_neverContainingTheInputs() {
        String fp = fingerprinter.fingerprint("203.0.113.9", "Mozilla/5.0");

        assertThat(fp).matches("[0-9a-f]{64}").doesNotContain("203.0.113.9");
    }

    @Test
    void fingerprint_dependsOnTheSecret() {
        Fingerprinter other = new Fingerprinter("secret-two-0123456789".getBytes(StandardCharsets.UTF_8));

        assertThat(other.fingerprint("203.0.113.9", "UA")).isNotEqualTo(fingerprinter.fingerprint("203.0.113.9", "UA"));
    }

    @Test
    void differentUserAgents_areDifferentCallers() {
        assertThat(fingerprinter.fingerprint("203.0.113.9", "UA-1")).isNotEqualTo(fingerprinter.fingerprint("203.0.113.9", "UA-2"));
    }

    @Test
    void ipv6Addresses_inOneSlash64_areOneCaller() {
        String a = fingerprinter.fingerprint("2001:db8:85a3:12:1111:2222:3333:4444", "UA");
        String b = fingerprinter.fingerprint("2001:0db8:85a3:0012:aaaa:bbbb:cccc:dddd", "UA");
        String otherNetwork = fingerprinter.fingerprint("2001:db8:85a3:13:1111:2222:3333:4444", "UA");

        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(otherNetwork);
    }

    @Test
    void normaliseIp_keepsIpv4_andCutsIpv6ToItsPrefix() {
        assertThat(Fingerprinter.normaliseIp("198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(Fingerprinter.normaliseIp("2001:db8::1")).isEqualTo("2001:db8:0:0::/64");
        assertThat(Fingerprinter.normaliseIp("[2001:db8::1%eth0]")).isEqualTo("2001:db8:0:0::/64");
    }
}
