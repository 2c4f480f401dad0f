package com.cloudmusic.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DecisionTest {

    @Test
    void allow_statesWhereTheUnitWasChargedFrom() {
        assertThat(Decision.allow(ChargeSource.WALLET).logFields())
                .containsEntry("decision", "ALLOW").containsEntry("charged", "credit").containsEntry("chargedFrom", "wallet")
                .doesNotContainKey("reason");
    }

    @Test
    void refusals_carryABlockDecisionWithTheirReason() {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        QuotaExhaustedException exhausted = new QuotaExhaustedException(
                new Quota(4, 0, 0, Instant.parse("2026-11-25T00:00:00Z")), now);

        assertThat(exhausted.decision()).isEqualTo(Decision.block("quota_exhausted"));
        assertThat(exhausted.details()).containsEntry("decision", "BLOCK");
        assertThat(new TooManyActiveJobsException(3).decision().logFields())
                .containsEntry("decision", "BLOCK").containsEntry("reason", "too_many_active_jobs");
    }
}
