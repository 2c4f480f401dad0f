package com.cloudmusic.generate;

import com.cloudmusic.aws.AwsClients;
import com.cloudmusic.aws.AwsSettings;
import com.cloudmusic.aws.DynamoJobStore;
import com.cloudmusic.aws.DynamoQuotaLedger;
import com.cloudmusic.aws.SqsJobQueue;
import com.cloudmusic.config.Config;
import com.cloudmusic.config.Env;
import com.cloudmusic.log.JsonLog;
import com.cloudmusic.tracks.Reconciler;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpClient;

/** Everything the reconciler needs, built once per execution environment. */
public record ReconcileWiring(Reconciler reconciler, JsonLog log) {

    static final String[] REQUIRED = {Config.TABLE_NAME, Config.QUEUE_URL};

    public static ReconcileWiring fromEnvironment() {
        return from(Env.system(), Clock.systemUTC(), JsonLog.stdout());
    }

    /** The production wiring with a chosen clock and log (tests move time past the grace periods). */
    public static ReconcileWiring from(Env env, Clock clock, JsonLog log) {
        Config config = Config.load(env, REQUIRED);
        AwsSettings aws = AwsSettings.from(config.env());
        SdkHttpClient http = AwsClients.httpClient(aws);
        var dynamo = AwsClients.dynamoDb(aws, http);
        Reconciler reconciler = new Reconciler(
                new DynamoJobStore(dynamo, config.tableName()),
                new SqsJobQueue(AwsClients.sqs(aws, http), config.queueUrl()),
                // Only reads and repairs in-flight counts: the charging limits play no part here.
                new DynamoQuotaLedger(dynamo, config.tableName(), 0, 1),
                clock,
                message -> log.warn(message, Map.of()));
        return new ReconcileWiring(reconciler, log);
    }
}
