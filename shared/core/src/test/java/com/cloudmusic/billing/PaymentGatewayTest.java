package com.cloudmusic.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PaymentGatewayTest {

    @Test
    void onFirstUse_buildsTheProvidersGatewayAtTheFirstCallOnly_andKeepsIt() {
        AtomicInteger builds = new AtomicInteger();
        PaymentGateway gateway = PaymentGateway.onFirstUse(() -> {
            builds.incrementAndGet();
            return new PaymentGateway() {
                @Override
                public CheckoutSession createCheckout(CheckoutRequest request) {
                    return new CheckoutSession("cs_1", "https://checkout.example/cs_1");
                }

                @Override
                public SessionState sessionState(String sessionId) {
                    return SessionState.OPEN;
                }
            };
        });
        assertThat(builds).hasValue(0);

        assertThat(gateway.sessionState("cs_1")).isEqualTo(PaymentGateway.SessionState.OPEN);
        assertThat(gateway.sessionState("cs_1")).isEqualTo(PaymentGateway.SessionState.OPEN);

        assertThat(builds).hasValue(1);
    }
}
