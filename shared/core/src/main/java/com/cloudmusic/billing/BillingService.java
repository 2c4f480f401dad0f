package com.cloudmusic.billing;

import com.cloudmusic.access.Throttle;
import com.cloudmusic.errors.DomainException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Selling credit packs (SPEC §2, §4.6): the catalogue, checkout into a new or existing wallet, the
 * state of a purchase after the buyer returns, and the checking of wallet keys. Credits themselves
 * are granted only by {@link CreditGrants} from a verified webhook.
 */
public final class BillingService {

    /** 256 random bits; URL-safe base64 without padding (43 characters). */
    static final int WALLET_KEY_BYTES = 32;
    private static final String WALLET_KEY_SHAPE = "[A-Za-z0-9_-]{22,128}";
    private static final String SESSION_ID_SHAPE = "[A-Za-z0-9_]{1,255}";
    /**
     * A wallet that never received credits, and a purchase never paid, are removed after this long:
     * longer than any Checkout Session lives (24 h) and than delayed payment methods take to settle.
     */
    public static final Duration UNPAID_LIFETIME = Duration.ofDays(30);
    /** Each Checkout Session costs a call to the provider: a few per caller, per ten minutes. */
    public static final Throttle.Limit CHECKOUT_LIMIT = new Throttle.Limit(5, Duration.ofMinutes(10));
    /** The success page polls about once a second for a few seconds. */
    public static final Throttle.Limit STATUS_LIMIT = new Throttle.Limit(30, Duration.ofMinutes(1));
    /**
     * The same per source network (the free pool's keyed IPv4 address or IPv6 /64), so rotating
     * User-Agents from one address buys no more sessions; room for a household or an office behind one NAT.
     */
    public static final Throttle.Limit CHECKOUT_NETWORK_LIMIT = new Throttle.Limit(20, Duration.ofMinutes(10));
    public static final Throttle.Limit STATUS_NETWORK_LIMIT = new Throttle.Limit(120, Duration.ofMinutes(1));
    /** A pending purchase is checked with the provider at most this often; polls between read our record. */
    public static final Duration STATUS_STALE_AFTER = Duration.ofMinutes(1);

    private final PackCatalogue catalogue;
    private final WalletStore wallets;
    private final Purchases purchases;
    private final PaymentGateway gateway;
    private final UnaryOperator<String> walletKeyHash;
    private final Throttle throttle;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param walletKeyHash the keyed hash wallet keys are stored as ({@code Fingerprinter::hmacHex})
     * @param throttle      per-caller limits on checkout creation and status polls
     */
    public BillingService(PackCatalogue catalogue, WalletStore wallets, Purchases purchases, PaymentGateway gateway,
            UnaryOperator<String> walletKeyHash, Throttle throttle, Clock clock) {
        this(catalogue, wallets, purchases, gateway, walletKeyHash, throttle, clock, new SecureRandom());
    }

    /** @param random where wallet keys come from (the request function re-seeds it after a SnapStart restore) */
    public BillingService(PackCatalogue catalogue, WalletStore wallets, Purchases purchases, PaymentGateway gateway,
            UnaryOperator<String> walletKeyHash, Throttle throttle, Clock clock, SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random == null");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue == null");
        this.wallets = Objects.requireNonNull(wallets, "wallets == null");
        this.purchases = Objects.requireNonNull(purchases, "purchases == null");
        this.gateway = Objects.requireNonNull(gateway, "gateway == null");
        this.walletKeyHash = Objects.requireNonNull(walletKeyHash, "walletKeyHash == null");
        this.throttle = Objects.requireNonNull(throttle, "throttle == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** A started checkout: where to send the buyer, and the key of the wallet that will be credited. */
    public record Checkout(String url, String walletKey, String sessionId, Pack pack) {
    }

    /** What the success page learns about a purchase. */
    public record PurchaseView(String status, long credits) {
    }

    public List<Pack> packs() {
        return catalogue.all();
    }

    /**
     * The wallet a request's {@code X-Wallet-Key} names, as its hash. A malformed or unknown key is a
     * 400 {@code invalid_wallet_key}: silently charging the free allowance instead would hide the
     * buyer's credits from them.
     */
    public Optional<String> walletHash(Optional<String> walletKey) {
        if (walletKey.isEmpty()) {
            return Optional.empty();
        }
        String key = walletKey.get().trim();
        if (!key.matches(WALLET_KEY_SHAPE)) {
            throw invalidWalletKey();
        }
        String hash = walletKeyHash.apply(key);
        if (!wallets.exists(hash)) {
            throw invalidWalletKey();
        }
        return Optional.of(hash);
    }

    /**
     * Opens a checkout for one pack, to be paid into the wallet whose key is given, or into a new
     * wallet. The purchase is recorded (pending) before the buyer gets the URL, so any payment made
     * on that page finds its record.
     *
     * @param network       the keyed hash of the caller's source network, when known
     * @param returnBaseUrl the web app's origin, e.g. https://loops.example.com
     */
    public Checkout checkout(String packId, Optional<String> walletKey, String fingerprint, Optional<String> network,
            String returnBaseUrl) {
        Pack pack = catalogue.require(packId);
        Optional<String> existing = walletHash(walletKey);
        Instant now = clock.instant();
        acquire("checkouts", fingerprint, network, CHECKOUT_LIMIT, CHECKOUT_NETWORK_LIMIT, now);
        String key = walletKey.filter(k -> existing.isPresent()).map(String::trim).orElseGet(this::newWalletKey);
        String hash = existing.orElseGet(() -> walletKeyHash.apply(key));
        String base = returnBaseUrl.endsWith("/") ? returnBaseUrl.substring(0, returnBaseUrl.length() - 1) : returnBaseUrl;
        PaymentGateway.CheckoutSession session = gateway.createCheckout(new PaymentGateway.CheckoutRequest(
                pack, hash, fingerprint,
                base + "/?checkout=success&session_id={CHECKOUT_SESSION_ID}",
                base + "/?checkout=cancel",
                "checkout-" + UUID.randomUUID()));
        if (existing.isEmpty()) {
            // Created only once the provider accepted the checkout: a failed attempt leaves no empty wallet.
            wallets.create(hash, now, now.plus(UNPAID_LIFETIME));
        }
        purchases.recordPending(Purchase.pending(session.id(), hash, fingerprint, pack, now), now.plus(UNPAID_LIFETIME));
        return new Checkout(session.url(), key, session.id(), pack);
    }

    /**
     * The purchase's state from our record. A pending one is checked with the provider at most once a
     * minute (whoever polls first after that asks), so a session that expired unpaid says so without a
     * provider call per poll; if the provider cannot be asked, it stays pending.
     *
     * @param fingerprint who polls (polls are throttled per caller and per source network)
     */
    public PurchaseView status(String sessionId, String fingerprint, Optional<String> network) {
        if (sessionId == null || !sessionId.matches(SESSION_ID_SHAPE)) {
            throw DomainException.notFound("No checkout with that id.");
        }
        Instant now = clock.instant();
        acquire("purchase status checks", fingerprint, network, STATUS_LIMIT, STATUS_NETWORK_LIMIT, now);
        Purchase purchase = purchases.find(sessionId)
                .orElseThrow(() -> DomainException.notFound("No checkout with that id."));
        PurchaseStatus status = purchase.status();
        if (status == PurchaseStatus.PENDING && purchases.claimStatusCheck(sessionId, now, now.minus(STATUS_STALE_AFTER))) {
            try {
                if (gateway.sessionState(sessionId) == PaymentGateway.SessionState.EXPIRED) {
                    purchases.markExpired(sessionId);
                    status = purchases.find(sessionId).map(Purchase::status).orElse(PurchaseStatus.EXPIRED);
                }
            } catch (PaymentsException providerDown) {
                // Pending is the truthful answer when we cannot ask; the page polls again.
            }
        }
        return new PurchaseView(status.wireName(), purchase.credits());
    }

    private String newWalletKey() {
        byte[] bytes = new byte[WALLET_KEY_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static DomainException invalidWalletKey() {
        return new DomainException(DomainException.Kind.INVALID, "invalid_wallet_key", "The X-Wallet-Key header does not name a wallet here. "
                + "Nothing was charged: check the key, or send the request without it.", "X-Wallet-Key");
    }

    private void acquire(String action, String fingerprint, Optional<String> network, Throttle.Limit perCaller,
            Throttle.Limit perNetwork, Instant now) {
        throttle.acquire(action, fingerprint, perCaller, now);
        network.ifPresent(net -> throttle.acquire(action, "network#" + net, perNetwork, now));
    }
}
