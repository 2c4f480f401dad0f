package com.cloudmusic.emulators.payments;

import com.cloudmusic.billing.Pack;
import com.cloudmusic.billing.PaymentGateway;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local runner's stand-in for Stripe Checkout: sessions live in memory and their page is the
 * {@link LocalCheckoutPage} at {@code {baseUrl}/local/checkout/{sessionId}}. Lives in the emulators module, which no
 * function jar carries, so a deployed stack cannot use it. Like Stripe, one idempotency key opens one
 * session however often it is sent.
 */
public final class LocalPaymentGateway implements PaymentGateway {

    public static final String PAGE_PATH = "/local/checkout/";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final String baseUrl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, LocalSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> sessionByIdempotencyKey = new ConcurrentHashMap<>();
    private final Map<String, Boolean> paid = new ConcurrentHashMap<>();

    /** @param baseUrl where the local runner answers, e.g. http://localhost:3000 */
    public LocalPaymentGateway(URI baseUrl) {
        this(baseUrl, Clock.systemUTC());
    }

    public LocalPaymentGateway(URI baseUrl, Clock clock) {
        String url = Objects.requireNonNull(baseUrl, "baseUrl == null").toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** One simulated Checkout Session; {@code eventId} is fixed at creation so a retried payment resends the same event. */
    public record LocalSession(String id, Pack pack, String walletHash, String fingerprint, String successUrl,
            String cancelUrl, String paymentIntent, String eventId, long createdEpochSecond) {
    }

    @Override
    public CheckoutSession createCheckout(CheckoutRequest request) {
        String id = sessionByIdempotencyKey.computeIfAbsent(request.idempotencyKey(), key -> {
            LocalSession session = new LocalSession("cs_local_" + randomId(24), request.pack(), request.walletHash(),
                    request.fingerprint(), request.successUrl(), request.cancelUrl(), "pi_local_" + randomId(24),
                    "evt_local_" + randomId(24), clock.instant().getEpochSecond());
            sessions.put(session.id(), session);
            return session.id();
        });
        return new CheckoutSession(id, pageUrl(id));
    }

    @Override
    public SessionState sessionState(String sessionId) {
        if (paid.containsKey(sessionId)) {
            return SessionState.COMPLETE;
        }
        // Sessions live in memory: after a restart of the runner an old one can no longer be paid.
        return sessions.containsKey(sessionId) ? SessionState.OPEN : SessionState.EXPIRED;
    }

    public Optional<LocalSession> session(String sessionId) {
        return Optional.ofNullable(sessionId == null ? null : sessions.get(sessionId));
    }

    /** Called by the page once the webhook accepted the payment event. */
    void markPaid(String sessionId) {
        paid.put(sessionId, Boolean.TRUE);
    }

    public boolean isPaid(String sessionId) {
        return paid.containsKey(sessionId);
    }

    public String pageUrl(String sessionId) {
        return baseUrl + PAGE_PATH + sessionId;
    }

    private String randomId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
