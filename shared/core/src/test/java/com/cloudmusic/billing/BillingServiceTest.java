package com.cloudmusic.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudmusic.access.InMemoryThrottle;
import com.cloudmusic.errors.DomainException;
import com.cloudmusic.quota.InMemoryQuotaLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** BillingService's checkout and purchase-status rules on in-memory purchases and a scripted provider. */
class BillingServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private final InMemoryPurchases purchases = new InMemoryPurchases(new InMemoryQuotaLedger(4, 3));
    private final ScriptedGateway gateway = new ScriptedGateway();
    private final MovableClock clock = new MovableClock();
    private final BillingService billing = new BillingService(PackCatalogue.defaults(), purchases, purchases, gateway,
            key -> "hash-of-" + key, new InMemoryThrottle(), clock);

    @Test
    void checkout_opensASessionIntoANewWallet_andRecordsThePurchasePending() {
        BillingService.Checkout checkout = billing.checkout("credits-40", Optional.empty(), "fp", Optional.empty(), "https://loops.example/");

        assertThat(checkout.walletKey()).matches("[A-Za-z0-9_-]{43}");
        assertThat(purchases.exists("hash-of-" + checkout.walletKey())).isTrue();
        assertThat(purchases.find(checkout.sessionId()).orElseThrow().status()).isEqualTo(PurchaseStatus.PENDING);
        assertThat(gateway.requests).singleElement().satisfies(request -> {
            assertThat(request.successUrl()).startsWith("https://loops.example/?checkout=success");
            assertThat(request.pack().credits()).isEqualTo(40);
        });
    }

    @Test
    void checkout_whenTheProviderIsDown_leavesNoWalletAndNoPurchase() {
        gateway.down = true;

        assertThatThrownBy(() -> billing.checkout("credits-40", Optional.empty(), "fp", Optional.empty(), "https://loops.example"))
                .isInstanceOfSatisfying(PaymentsException.class, e -> assertThat(e.code()).isEqualTo("payments_unavailable"));
        assertThat(gateway.requests).hasSize(1);
        assertThat(purchases.find("cs_1")).isEmpty();
    }

    @Test
    void checkout_ofAnUnknownPack_isInvalid_namingThePack_beforeTheProviderIsAsked() {
        assertThatThrownBy(() -> billing.checkout("credits-9000", Optional.empty(), "fp", Optional.empty(), "https://loops.example"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("pack"));
        assertThat(gateway.requests).isEmpty();
    }

    @Test
    void walletHash_ofAnUnknownOrMalformedKey_isInvalidWalletKey() {
        for (String key : List.of("short", "a".repeat(43))) {
            assertThatThrownBy(() -> billing.walletHash(Optional.of(key)))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("invalid_wallet_key"));
        }
    }

    @Test
    void status_ofAPendingPurchaseTheProviderExpired_isExpired() {
        String session = billing.checkout("credits-40", Optional.empty(), "fp", Optional.empty(), "https://loops.example").sessionId();
        gateway.state = PaymentGateway.SessionState.EXPIRED;

        assertThat(billing.status(session, "fp", Optional.empty()).status()).isEqualTo("expired");
    }

    @Test
    void status_staysPending_whenTheProviderCannotBeAsked() {
        String session = billing.checkout("credits-40", Optional.empty(), "fp", Optional.empty(), "https://loops.example").sessionId();
        gateway.down = true;

        assertThat(billing.status(session, "fp", Optional.empty())).isEqualTo(new BillingService.PurchaseView("pending", 40));
    }

    @Test
    void statusPolls_ofAPendingPurchase_askTheProviderOnceAMinute_andOtherwiseAnswerFromTheRecord() {
        String session = billing.checkout("credits-40", Optional.empty(), "fp", Optional.empty(), "https://loops.example").sessionId();

        for (int i = 0; i < 10; i++) {
            assertThat(billing.status(session, "fp", Optional.empty()).status()).isEqualTo("pending");
        }
        int withinTheMinute = gateway.stateChecks;
        clock.advance(BillingService.STATUS_STALE_AFTER.plusSeconds(1));
        gateway.state = PaymentGateway.SessionState.EXPIRED;
        String afterIt = billing.status(session, "fp", Optional.empty()).status();

        assertThat(withinTheMinute).isEqualTo(1);
        assertThat(afterIt).isEqualTo("expired");
        assertThat(gateway.stateChecks).isEqualTo(2);
    }

    @Test
    void sixthCheckoutInTenMinutes_isTooManyRequests_withRetryAfter_andOpensNoSession() {
        for (int i = 0; i < BillingService.CHECKOUT_LIMIT.count(); i++) {
            billing.checkout("credits-40", Optional.empty(), "fp", Optional.empty(), "https://loops.example");
        }

        assertThatThrownBy(() -> billing.checkout("credits-40", Optional.empty(), "fp", Optional.empty(), "https://loops.example"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.TOO_MANY);
                    assertThat(e.code()).isEqualTo("too_many_requests");
                    assertThat(e.retryAfterSeconds()).hasValue(600);
                });
        assertThat(gateway.requests).hasSize(BillingService.CHECKOUT_LIMIT.count());
        assertThat(billing.checkout("credits-40", Optional.empty(), "another-caller", Optional.empty(), "https://loops.example"))
                .isNotNull();
    }

    @Test
    void statusPollsBeyondTheLimit_areTooManyRequests_untilTheWindowEnds() {
        String session = billing.checkout("credits-40", Optional.empty(), "fp", Optional.empty(), "https://loops.example").sessionId();
        for (int i = 0; i < BillingService.STATUS_LIMIT.count(); i++) {
            billing.status(session, "fp", Optional.empty());
        }

        assertThatThrownBy(() -> billing.status(session, "fp", Optional.empty()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.TOO_MANY));
        clock.advance(BillingService.STATUS_LIMIT.window());
        assertThat(billing.status(session, "fp", Optional.empty()).status()).isEqualTo("pending");
    }

    @Test
    void checkoutsFromOneNetwork_areLimitedToo_soRotatingUserAgentsOpensNoMoreSessions() {
        Optional<String> network = Optional.of("net-hash");
        for (int i = 0; i < BillingService.CHECKOUT_NETWORK_LIMIT.count(); i++) {
            billing.checkout("credits-40", Optional.empty(), "agent-" + i, network, "https://loops.example");
        }

        assertThatThrownBy(() -> billing.checkout("credits-40", Optional.empty(), "agent-new", network,
                "https://loops.example"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("too_many_requests");
                    assertThat(e.retryAfterSeconds()).hasValue(600);
                });
        assertThat(gateway.requests).hasSize(BillingService.CHECKOUT_NETWORK_LIMIT.count());
        assertThat(billing.checkout("credits-40", Optional.empty(), "agent-new", Optional.of("another-net"),
                "https://loops.example")).isNotNull();
    }

    @Test
    void statusPollsFromOneNetwork_areLimitedToo() {
        String session = billing.checkout("credits-40", Optional.empty(), "fp", Optional.empty(),
                "https://loops.example").sessionId();
        Optional<String> network = Optional.of("net-hash");
        for (int i = 0; i < BillingService.STATUS_NETWORK_LIMIT.count(); i++) {
            billing.status(session, "agent-" + (i % 5), network);
        }

        assertThatThrownBy(() -> billing.status(session, "agent-new", network))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.TOO_MANY));
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now = NOW;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Answers checkouts with numbered sessions, or as a provider that is down. */
    private static final class ScriptedGateway implements PaymentGateway {
        final List<CheckoutRequest> requests = new ArrayList<>();
        int stateChecks;
        boolean down;
        SessionState state = SessionState.OPEN;

        @Override
        public CheckoutSession createCheckout(CheckoutRequest request) {
            requests.add(request);
            if (down) {
                throw PaymentsException.unavailable("HTTP 503", "scripted");
            }
            String id = "cs_" + requests.size();
            return new CheckoutSession(id, "https://checkout.invalid/" + id);
        }

        @Override
        public SessionState sessionState(String sessionId) {
            stateChecks++;
            if (down) {
                throw PaymentsException.unavailable("HTTP 503", "scripted");
            }
            return state;
        }
    }
}
