package com.cloudmusic.request;

import com.cloudmusic.access.Fingerprinter;
import com.cloudmusic.aws.AwsClients;
import com.cloudmusic.aws.AwsSettings;
import com.cloudmusic.aws.DynamoJobStore;
import com.cloudmusic.aws.DynamoPurchases;
import com.cloudmusic.aws.DynamoQuotaLedger;
import com.cloudmusic.aws.DynamoWallets;
import com.cloudmusic.aws.S3TrackStore;
import com.cloudmusic.aws.SqsJobQueue;
import com.cloudmusic.billing.BillingService;
import com.cloudmusic.billing.PackCatalogue;
import com.cloudmusic.billing.PaymentGateway;
import com.cloudmusic.config.Config;
import com.cloudmusic.config.ConfigException;
import com.cloudmusic.config.Env;
import com.cloudmusic.log.JsonLog;
import com.cloudmusic.tracks.TrackService;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Everything the request function needs, built once per execution environment.
 *
 * @param publicBaseUrl where buyers return from checkout; empty means the request's own origin
 */
public record RequestWiring(TrackService tracks, BillingService billing, Fingerprinter fingerprinter, JsonLog log,
        Clock clock, Optional<String> publicBaseUrl) {

    static final String[] REQUIRED = {Config.TABLE_NAME, Config.BUCKET_NAME, Config.QUEUE_URL, Config.FINGERPRINT_SECRET};
    public static final String STRIPE_SECRET_KEY = "STRIPE_SECRET_KEY";
    public static final String STRIPE_BASE_URL = "STRIPE_BASE_URL";

    public static RequestWiring fromEnvironment() {
        return from(Env.system());
    }

    public static RequestWiring from(Env env) {
        return from(env, Clock.systemUTC(), JsonLog.stdout());
    }

    /**
     * The production wiring with a chosen clock and log sink (tests move time and read the log).
     * Checkout goes to Stripe when {@code STRIPE_SECRET_KEY} is set, and answers 503
     * {@code payments_unavailable} otherwise.
     */
    public static RequestWiring from(Env env, Clock clock, JsonLog log) {
        return from(env, clock, log, stripeGateway(env));
    }

    /** The production wiring with another payment gateway (the local runner's payment simulator). */
    public static RequestWiring from(Env env, Clock clock, JsonLog log, PaymentGateway gateway) {
        Config config = Config.load(env, REQUIRED);
        SdkHttpClient http = AwsClients.httpClient();
        AwsSettings aws = AwsSettings.from(config.env());
        var dynamo = AwsClients.dynamoDb(aws, http);
        TrackService tracks = new TrackService(
                new DynamoQuotaLedger(dynamo, config.tableName(), config.freeDailyLimit(), config.maxActiveJobs()),
                new DynamoJobStore(dynamo, config.tableName()),
                new SqsJobQueue(AwsClients.sqs(aws, http), config.queueUrl()),
                new S3TrackStore(AwsClients.s3(aws, http), AwsClients.presigner(aws), config.bucketName()),
                clock,
                config.musicEngine());
        Fingerprinter fingerprinter = new Fingerprinter(config.fingerprintSecret());
        BillingService billing = new BillingService(
                PackCatalogue.parse(env.optional(PackCatalogue.CREDIT_PACKS)),
                new DynamoWallets(dynamo, config.tableName()),
                new DynamoPurchases(dynamo, config.tableName()),
                gateway,
                fingerprinter::hmacHex,
                clock);
        Optional<String> publicBaseUrl = env.optional(Config.PUBLIC_BASE_URL)
                .map(url -> env.httpUrl(Config.PUBLIC_BASE_URL, url).toString());
        return new RequestWiring(tracks, billing, fingerprinter, log, clock, publicBaseUrl);
    }

    private static PaymentGateway stripeGateway(Env env) {
        Optional<String> key = env.optional(STRIPE_SECRET_KEY);
        if (key.isEmpty()) {
            return PaymentGateway.unavailable();
        }
        if (!key.get().matches("(sk|rk)_(test|live)_[A-Za-z0-9_]+")) {
            throw new ConfigException(STRIPE_SECRET_KEY + " must be a Stripe secret or restricted key (sk_... or rk_...)");
        }
        String baseUrl = env.httpUrl(STRIPE_BASE_URL, StripeCheckoutGateway.DEFAULT_BASE_URL).toString();
        return new StripeCheckoutGateway(key.get(), baseUrl);
    }
}
