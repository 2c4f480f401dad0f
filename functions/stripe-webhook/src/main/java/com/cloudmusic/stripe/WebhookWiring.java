package com.cloudmusic.stripe;

import com.cloudmusic.aws.AwsClients;
import com.cloudmusic.aws.AwsSettings;
import com.cloudmusic.aws.DynamoPurchases;
import com.cloudmusic.billing.CreditGrants;
import com.cloudmusic.config.Config;
import com.cloudmusic.config.ConfigException;
import com.cloudmusic.config.Env;
import com.cloudmusic.log.JsonLog;
import java.time.Clock;
import java.util.Objects;

/** Everything the webhook function needs, built once per execution environment. */
public final class WebhookWiring {

    public static final String STRIPE_WEBHOOK_SECRET = "STRIPE_WEBHOOK_SECRET";

    private final CreditGrants grants;
    private final StripeSignature signature;
    private final JsonLog log;
    private final Clock clock;

    WebhookWiring(CreditGrants grants, StripeSignature signature, JsonLog log, Clock clock) {
        this.grants = Objects.requireNonNull(grants, "grants == null");
        this.signature = Objects.requireNonNull(signature, "signature == null");
        this.log = Objects.requireNonNull(log, "log == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    public static WebhookWiring fromEnvironment() {
        return from(Env.system(), Clock.systemUTC(), JsonLog.stdout());
    }

    /** The production wiring with a chosen clock and log sink (tests sign at a chosen time and read the log). */
    public static WebhookWiring from(Env env, Clock clock, JsonLog log) {
        Config config = Config.load(env, Config.TABLE_NAME, STRIPE_WEBHOOK_SECRET);
        String secret = env.required(STRIPE_WEBHOOK_SECRET);
        if (secret.length() < 16) {
            throw new ConfigException(STRIPE_WEBHOOK_SECRET + " must be the endpoint's signing secret (whsec_...)");
        }
        var dynamo = AwsClients.dynamoDb(AwsSettings.from(config.env()), AwsClients.httpClient());
        return new WebhookWiring(new CreditGrants(new DynamoPurchases(dynamo, config.tableName()), clock),
                new StripeSignature(secret, clock), log, clock);
    }

    CreditGrants grants() {
        return grants;
    }

    StripeSignature signature() {
        return signature;
    }

    JsonLog log() {
        return log;
    }

    Clock clock() {
        return clock;
    }
}
