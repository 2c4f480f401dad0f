package com.cloudmusic.billing;

import com.cloudmusic.config.Lazy;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The payment provider's checkout: Stripe Checkout in AWS, the local payment simulator in the local
 * runner. Implementations throw {@link PaymentsException} when the provider cannot be used.
 */
public interface PaymentGateway {

    /** Creates a hosted checkout page for one pack, to be paid into one wallet. */
    CheckoutSession createCheckout(CheckoutRequest request);

    /** Where the provider says the session stands (used to tell an expired checkout from a pending one). */
    SessionState sessionState(String sessionId);

    /**
     * What to sell and where the credits go.
     *
     * @param walletHash     the wallet receiving the credits (its keyed hash, never the key)
     * @param successUrl     where the buyer returns after paying; may contain {@code {CHECKOUT_SESSION_ID}}
     * @param idempotencyKey one per checkout attempt, so a retried call cannot open two sessions
     */
    record CheckoutRequest(Pack pack, String walletHash, String fingerprint, String successUrl, String cancelUrl,
            String idempotencyKey) {
        public CheckoutRequest {
            Objects.requireNonNull(pack, "pack == null");
            Objects.requireNonNull(walletHash, "walletHash == null");
            Objects.requireNonNull(fingerprint, "fingerprint == null");
            Objects.requireNonNull(successUrl, "successUrl == null");
            Objects.requireNonNull(cancelUrl, "cancelUrl == null");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey == null");
        }
    }

    /** A created session: its provider id and the page the buyer is sent to. */
    record CheckoutSession(String id, String url) {
        public CheckoutSession {
            Objects.requireNonNull(id, "id == null");
            Objects.requireNonNull(url, "url == null");
        }
    }

    enum SessionState { OPEN, COMPLETE, EXPIRED }

    /** A gateway built on its first call, once: the provider's library loads only on the checkout routes. */
    static PaymentGateway onFirstUse(Supplier<? extends PaymentGateway> factory) {
        Lazy<PaymentGateway> gateway = Lazy.of(factory);
        return new PaymentGateway() {
            @Override
            public CheckoutSession createCheckout(CheckoutRequest request) {
                return gateway.get().createCheckout(request);
            }

            @Override
            public SessionState sessionState(String sessionId) {
                return gateway.get().sessionState(sessionId);
            }
        };
    }

    /** The gateway of a deployment without payment settings: every call answers 503 payments_unavailable. */
    static PaymentGateway unavailable() {
        return new PaymentGateway() {
            @Override
            public CheckoutSession createCheckout(CheckoutRequest request) {
                throw PaymentsException.notConfigured();
            }

            @Override
            public SessionState sessionState(String sessionId) {
                throw PaymentsException.notConfigured();
            }
        };
    }
}
