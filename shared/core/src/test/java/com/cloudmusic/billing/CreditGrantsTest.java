package com.cloudmusic.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.quota.InMemoryQuotaLedger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Which events grant or take back credits, and how much, on in-memory purchases: at most once whatever
 * the deliveries, in proportion to the money gone, in whatever order.
 */
class CreditGrantsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private final InMemoryQuotaLedger ledger = new InMemoryQuotaLedger(4, 3);
    private final InMemoryPurchases purchases = new InMemoryPurchases(ledger);
    private final CreditGrants grants = new CreditGrants(purchases, Clock.fixed(NOW, ZoneOffset.UTC));

    CreditGrantsTest() {
        purchases.create("wallet-1", NOW, NOW.plus(BillingService.UNPAID_LIFETIME));
        purchases.recordPending(Purchase.pending("cs_1", "wallet-1", "fp", PackCatalogue.DEFAULT_PACK, NOW),
                NOW.plus(BillingService.UNPAID_LIFETIME));
    }

    private static PaymentEvent completed(String eventId, String paymentStatus) {
        return new PaymentEvent(eventId, "checkout.session.completed", "cs_1", paymentStatus, "pi_1", 400L, null);
    }

    private static PaymentEvent refunded(String eventId, String paymentIntent, Long amountRefunded) {
        return new PaymentEvent(eventId, "charge.refunded", "ch_1", null, paymentIntent, 400L, amountRefunded);
    }

    private static PaymentEvent disputed(String eventId, long amount) {
        return new PaymentEvent(eventId, "charge.dispute.created", "du_1", null, "pi_1", amount, null);
    }

    @Test
    void paidCompletion_creditsThePacksCreditsOnce_whenTheEventIsDeliveredTwice() {
        CreditGrants.Result first = grants.handle(completed("evt_1", "paid"));
        CreditGrants.Result again = grants.handle(completed("evt_1", "paid"));

        assertThat(first.outcome()).isEqualTo(CreditGrants.Outcome.GRANTED);
        assertThat(first.credits()).isEqualTo(40);
        assertThat(again.outcome()).isEqualTo(CreditGrants.Outcome.DUPLICATE_EVENT);
        assertThat(ledger.walletCredits("wallet-1")).isEqualTo(40);
    }

    @Test
    void unpaidCompletion_awaitsTheAsyncEvent_whichGrantsOnce() {
        CreditGrants.Result unpaid = grants.handle(completed("evt_1", "unpaid"));
        CreditGrants.Result succeeded = grants.handle(new PaymentEvent("evt_2", "checkout.session.async_payment_succeeded",
                "cs_1", "paid", "pi_1", 400L, null));
        CreditGrants.Result again = grants.handle(completed("evt_3", "paid"));

        assertThat(unpaid.outcome()).isEqualTo(CreditGrants.Outcome.AWAITING_PAYMENT);
        assertThat(succeeded.outcome()).isEqualTo(CreditGrants.Outcome.GRANTED);
        assertThat(again.outcome()).isEqualTo(CreditGrants.Outcome.ALREADY_GRANTED);
        assertThat(ledger.walletCredits("wallet-1")).isEqualTo(40);
    }

    @Test
    void completionOfASessionWeDidNotOpen_isUnknown_andOtherTypesAreIgnored() {
        assertThat(grants.handle(new PaymentEvent("evt_9", "checkout.session.completed", "cs_other", "paid", "pi_9",
                400L, null)).outcome()).isEqualTo(CreditGrants.Outcome.UNKNOWN_SESSION);
        assertThat(grants.handle(new PaymentEvent("evt_8", "customer.created", "cus_1", null, null, null, null))
                .outcome()).isEqualTo(CreditGrants.Outcome.IGNORED);
        assertThat(ledger.walletCredits("wallet-1")).isZero();
    }

    @Test
    void fullRefund_removesTheUnspentCredits_andReportsTheSpentOnesAsShortfall() {
        grants.handle(completed("evt_1", "paid"));
        ledger.addWalletCredits("wallet-1", -3);

        CreditGrants.Result result = grants.handle(refunded("evt_2", "pi_1", 400L));

        assertThat(result.outcome()).isEqualTo(CreditGrants.Outcome.TAKEN_BACK);
        assertThat(result.credits()).isEqualTo(37);
        assertThat(result.shortfall()).isEqualTo(3);
        assertThat(ledger.walletCredits("wallet-1")).isZero();
    }

    @Test
    void partialRefund_takesBackItsShareRoundedUp_andAFullOneTheRest() {
        grants.handle(completed("evt_1", "paid"));

        CreditGrants.Result cent = grants.handle(refunded("evt_2", "pi_1", 1L));
        CreditGrants.Result rest = grants.handle(refunded("evt_3", "pi_1", 400L));

        assertThat(cent.credits()).isEqualTo(1);
        assertThat(rest.credits()).isEqualTo(39);
        assertThat(ledger.walletCredits("wallet-1")).isZero();
    }

    @Test
    void refundAndDispute_ofTheWholePayment_takeBackOnce() {
        grants.handle(completed("evt_1", "paid"));
        grants.handle(refunded("evt_2", "pi_1", 400L));
        ledger.addWalletCredits("wallet-1", 5);

        assertThat(grants.handle(disputed("evt_3", 400)).outcome()).isEqualTo(CreditGrants.Outcome.ALREADY_TAKEN_BACK);
        assertThat(ledger.walletCredits("wallet-1")).isEqualTo(5);
    }

    @Test
    void disputeBeforeTheCompletion_isRemembered_andWithheldByTheGrant() {
        CreditGrants.Result early = grants.handle(disputed("evt_1", 100));
        CreditGrants.Result grant = grants.handle(completed("evt_2", "paid"));

        assertThat(early.outcome()).isEqualTo(CreditGrants.Outcome.REMEMBERED);
        assertThat(grant.credits()).isEqualTo(30);
        assertThat(grant.withheld()).isEqualTo(10);
        assertThat(ledger.walletCredits("wallet-1")).isEqualTo(30);
    }

    @Test
    void refundWithoutAPayment_takesNothing() {
        assertThat(grants.handle(refunded("evt_5", null, 400L)).outcome()).isEqualTo(CreditGrants.Outcome.UNKNOWN_PAYMENT);
    }

    @Test
    void share_isProportional_roundedUpByLessThanOneCredit() {
        assertThat(Reversal.refund(1).creditsToReclaim(40, 400)).isEqualTo(1);
        assertThat(Reversal.refund(150).creditsToReclaim(40, 400)).isEqualTo(15);
        assertThat(Reversal.refund(151).creditsToReclaim(40, 400)).isEqualTo(16);
        assertThat(Reversal.refund(400).merge(Reversal.dispute(400)).creditsToReclaim(40, 400)).isEqualTo(40);
        assertThat(Reversal.NONE.creditsToReclaim(40, 400)).isZero();
    }
}
