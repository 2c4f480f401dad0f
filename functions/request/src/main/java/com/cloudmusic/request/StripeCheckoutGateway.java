package com.cloudmusic.request;

import com.cloudmusic.billing.PaymentGateway;
import com.cloudmusic.billing.PaymentsException;
import com.stripe.Stripe;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;
import java.util.Objects;

/**
 * Stripe Checkout through stripe-java, the only request-side code that imports it. The client is built
 * once, on the base URL from {@code STRIPE_BASE_URL} (so MockWebServer or stripe-mock can stand in),
 * with no automatic retries: a retry with back-off would not fit the function's 10-second budget, and
 * the browser retries with a fresh attempt instead.
 */
public final class StripeCheckoutGateway implements PaymentGateway {

    public static final String DEFAULT_BASE_URL = Stripe.LIVE_API_BASE;
    private static final int CONNECT_TIMEOUT_MS = 3_000;
    private static final int READ_TIMEOUT_MS = 6_000;

    private final StripeClient client;

    public StripeCheckoutGateway(String secretKey, String baseUrl) {
        Objects.requireNonNull(secretKey, "secretKey == null");
        Objects.requireNonNull(baseUrl, "baseUrl == null");
        // Telemetry would write an id under ~/.config/stripe, which a Lambda cannot and a test should not.
        Stripe.enableTelemetry = false;
        this.client = StripeClient.builder()
                .setApiKey(secretKey)
                .setApiBase(baseUrl)
                .setMaxNetworkRetries(0)
                .setConnectTimeout(CONNECT_TIMEOUT_MS)
                .setReadTimeout(READ_TIMEOUT_MS)
                .build();
    }

    @Override
    public CheckoutSession createCheckout(CheckoutRequest request) {
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(request.pack().currency())
                                .setUnitAmount(request.pack().amount())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(request.pack().label())
                                        .build())
                                .build())
                        .build())
                // The wallet id is its keyed hash: the key itself never leaves our answer to the browser.
                .setClientReferenceId(request.walletHash())
                .putMetadata("walletHash", request.walletHash())
                .putMetadata("pack", request.pack().id())
                .putMetadata("fingerprint", request.fingerprint())
                .setSuccessUrl(request.successUrl())
                .setCancelUrl(request.cancelUrl())
                .build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(request.idempotencyKey()).build();
        try {
            Session session = client.v1().checkout().sessions().create(params, options);
            if (session.getId() == null || session.getUrl() == null) {
                throw PaymentsException.unavailable("an incomplete answer", "session without id or url");
            }
            return new CheckoutSession(session.getId(), session.getUrl());
        } catch (StripeException e) {
            throw translate(e);
        }
    }

    @Override
    public SessionState sessionState(String sessionId) {
        try {
            Session session = client.v1().checkout().sessions().retrieve(sessionId);
            String status = session.getStatus();
            if ("expired".equals(status)) {
                return SessionState.EXPIRED;
            }
            return "complete".equals(status) ? SessionState.COMPLETE : SessionState.OPEN;
        } catch (StripeException e) {
            throw translate(e);
        }
    }

    /** 429, 5xx and no answer are worth retrying (503); any other refusal is ours to fix (502). */
    static PaymentsException translate(StripeException e) {
        Integer status = e.getStatusCode();
        String type = e.getStripeError() == null ? null : e.getStripeError().getType();
        String detail = "stripe " + (status == null ? "no answer" : "HTTP " + status)
                + (type == null ? "" : " " + type)
                + (e.getCode() == null ? "" : " " + e.getCode())
                + (e.getRequestId() == null ? "" : " " + e.getRequestId());
        if (e instanceof ApiConnectionException || status == null || status == 0) {
            return PaymentsException.unavailable("no answer from Stripe", detail);
        }
        if (status == 429) {
            return PaymentsException.unavailable("Stripe is rate-limiting us, HTTP 429", detail);
        }
        if (status >= 500) {
            return PaymentsException.unavailable("Stripe answered HTTP " + status, detail);
        }
        if (status == 401) {
            return PaymentsException.refused("Stripe rejected this server's API key, HTTP 401", detail);
        }
        return PaymentsException.refused("Stripe answered HTTP " + status
                + (e.getCode() == null ? "" : ", " + e.getCode()), detail);
    }
}
