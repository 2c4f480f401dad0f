package com.cloudmusic.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.quota.InMemoryQuotaLedger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Credit grants and take-backs on in-memory purchases: at most once, whatever the deliveries. */
class CreditGrantsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private final InMemoryQuotaLedger ledger = new InMemoryQuotaLedger(4, 3);
    private final InMemoryPurchases purchases = new InMemoryPurchases(ledger);
    private final CreditGrants grants = new CreditGrants(purchases, Clock.fixed(NOW, ZoneOffset.UTC));

    CreditGrantsTest() {
        purchases.create("wallet-1", NOW);
        purchases.recordPending(Purchase.pending("cs_1", "wallet-1", "fp", PackCatalogue.DEFAULT_PACK, NOW));
    }

    @Test
    void grant_creditsThePacksCreditsOnce_whenTheEventIsDeliveredTwice() {
        CreditGrants.Result first = grants.grant("evt_1", "checkout.session.completed", "cs_1", "pi_1");
        CreditGrants.Result again = grants.grant("evt_1", "checkout.session.completed", "cs_1", "pi_1");

        assertThat(first.outcome()).isEqualTo(CreditGrants.Outcome.GRANTED);
        assertThat(first.credits()).isEqualTo(40);
        assertThat(again.outcome()).isEqualTo(CreditGrants.Outcome.DUPLICATE_EVENT);
        assertThat(ledger.walletCredits("wallet-1")).isEqualTo(40);
    }

    @Test
    void grant_ofASessionAlreadyGrantedByAnotherEvent_grantsNothing() {
        grants.grant("evt_1", "checkout.session.completed", "cs_1", "pi_1");

        CreditGrants.Result second = grants.grant("evt_2", "checkout.session.async_payment_succeeded", "cs_1", "pi_1");

        assertThat(second.outcome()).isEqualTo(CreditGrants.Outcome.ALREADY_GRANTED);
        assertThat(ledger.walletCredits("wallet-1")).isEqualTo(40);
    }

    @Test
    void grant_ofASessionWeDidNotOpen_isUnknown_andCreditsNothing() {
        assertThat(grants.grant("evt_9", "checkout.session.completed", "cs_other", "pi_9").outcome())
                .isEqualTo(CreditGrants.Outcome.UNKNOWN_SESSION);
        assertThat(ledger.walletCredits("wallet-1")).isZero();
    }

    @Test
    void takeBack_removesTheUnspentCredits_andReportsTheSpentOnesAsShortfall() {
        grants.grant("evt_1", "checkout.session.completed", "cs_1", "pi_1");
        ledger.addWalletCredits("wallet-1", -3);

        CreditGrants.Result result = grants.takeBack("evt_2", "charge.refunded", "pi_1");

        assertThat(result.outcome()).isEqualTo(CreditGrants.Outcome.TAKEN_BACK);
        assertThat(result.credits()).isEqualTo(37);
        assertThat(result.shortfall()).isEqualTo(3);
        assertThat(ledger.walletCredits("wallet-1")).isZero();
    }

    @Test
    void takeBack_happensOnce_whenARefundAndADisputeBothArrive() {
        grants.grant("evt_1", "checkout.session.completed", "cs_1", "pi_1");
        grants.takeBack("evt_2", "charge.refunded", "pi_1");
        ledger.addWalletCredits("wallet-1", 5);

        assertThat(grants.takeBack("evt_3", "charge.dispute.created", "pi_1").outcome())
                .isEqualTo(CreditGrants.Outcome.ALREADY_TAKEN_BACK);
        assertThat(ledger.walletCredits("wallet-1")).isEqualTo(5);
    }

    @Test
    void takeBack_ofAnUnknownPayment_takesNothing() {
        assertThat(grants.takeBack("evt_4", "charge.refunded", "pi_unknown").outcome())
                .isEqualTo(CreditGrants.Outcome.UNKNOWN_PAYMENT);
        assertThat(grants.takeBack("evt_5", "charge.refunded", null).outcome())
                .isEqualTo(CreditGrants.Outcome.UNKNOWN_PAYMENT);
    }
}
