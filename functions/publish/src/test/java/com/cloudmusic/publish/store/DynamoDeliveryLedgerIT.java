package com.cloudmusic.publish.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.publish.daily.DeliveryLedger;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsEmulatorsExtension.class)
class DynamoDeliveryLedgerIT {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void claim_isGrantedOnce_andAnotherRunSeesItInProgress(AwsStack stack) {
        DeliveryLedger ledger = new DynamoDeliveryLedger(stack.dynamoDb(), stack.tableName());

        DeliveryLedger.Claim first = ledger.claim("t1", "telegram", NOW);
        DeliveryLedger.Claim second = ledger.claim("t1", "telegram", NOW.plusSeconds(60));

        assertThat(first).isEqualTo(new DeliveryLedger.Claimed(1));
        assertThat(second).isEqualTo(new DeliveryLedger.InProgress(NOW.plus(DynamoDeliveryLedger.LEASE)));
        assertThat(ledger.claim("t1", "discord", NOW)).isEqualTo(new DeliveryLedger.Claimed(1));
    }

    @Test
    void claim_isRetaken_onlyAfterTheLeaseOfACrashedRunRanOut(AwsStack stack) {
        DeliveryLedger ledger = new DynamoDeliveryLedger(stack.dynamoDb(), stack.tableName());
        ledger.claim("t1", "telegram", NOW);

        DeliveryLedger.Claim retaken = ledger.claim("t1", "telegram", NOW.plus(DynamoDeliveryLedger.LEASE).plusMillis(1));

        assertThat(retaken).isEqualTo(new DeliveryLedger.Claimed(2));
    }

    @Test
    void posted_isNeverClaimedAgain(AwsStack stack) {
        DeliveryLedger ledger = new DynamoDeliveryLedger(stack.dynamoDb(), stack.tableName());
        ledger.claim("t1", "telegram", NOW);
        ledger.markPosted("t1", "telegram", "42", NOW);

        assertThat(ledger.claim("t1", "telegram", NOW.plusSeconds(86_400)))
                .isEqualTo(new DeliveryLedger.AlreadyPosted("42"));
    }

    @Test
    void permanentFailure_isFinal_withItsReason(AwsStack stack) {
        DeliveryLedger ledger = new DynamoDeliveryLedger(stack.dynamoDb(), stack.tableName());
        ledger.claim("t1", "telegram", NOW);
        ledger.markFailed("t1", "telegram", true, "Telegram error 401: Unauthorized", 1, NOW);

        assertThat(ledger.claim("t1", "telegram", NOW.plusSeconds(86_400)))
                .isEqualTo(new DeliveryLedger.GivenUp("Telegram error 401: Unauthorized"));
    }

    @Test
    void transientFailure_isRetakenByLaterRuns_untilTheFifthAttemptGivesUp(AwsStack stack) {
        DeliveryLedger ledger = new DynamoDeliveryLedger(stack.dynamoDb(), stack.tableName());
        Instant at = NOW;
        for (int attempt = 1; attempt <= DeliveryLedger.MAX_ATTEMPTS; attempt++) {
            assertThat(ledger.claim("t1", "discord", at)).isEqualTo(new DeliveryLedger.Claimed(attempt));
            ledger.markFailed("t1", "discord", false, "Discord error 500", attempt, at);
            at = at.plusSeconds(3600);
        }

        assertThat(ledger.claim("t1", "discord", at))
                .isEqualTo(new DeliveryLedger.GivenUp("gave up after 5 attempts: Discord error 500"));
    }

    @Test
    void failure_neverOverwritesAPostRecordedMeanwhile(AwsStack stack) {
        DeliveryLedger ledger = new DynamoDeliveryLedger(stack.dynamoDb(), stack.tableName());
        ledger.claim("t1", "telegram", NOW);
        ledger.markPosted("t1", "telegram", "42", NOW);

        ledger.markFailed("t1", "telegram", false, "late failure", 1, NOW);

        assertThat(ledger.claim("t1", "telegram", NOW.plusSeconds(1))).isEqualTo(new DeliveryLedger.AlreadyPosted("42"));
    }
}
