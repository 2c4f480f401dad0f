package com.cloudmusic.request;

import com.cloudmusic.access.Fingerprinter;
import com.cloudmusic.aws.AwsClients;
import com.cloudmusic.aws.DynamoJobStore;
import com.cloudmusic.aws.DynamoQuotaLedger;
import com.cloudmusic.aws.S3TrackStore;
import com.cloudmusic.aws.SqsJobQueue;
import com.cloudmusic.config.Config;
import com.cloudmusic.config.Env;
import com.cloudmusic.log.JsonLog;
import com.cloudmusic.tracks.TrackService;
import java.time.Clock;
import software.amazon.awssdk.http.SdkHttpClient;

/** Everything the request function needs, built once per execution environment. */
public record RequestWiring(TrackService tracks, Fingerprinter fingerprinter, JsonLog log, Clock clock) {

    static final String[] REQUIRED = {Config.TABLE_NAME, Config.BUCKET_NAME, Config.QUEUE_URL, Config.FINGERPRINT_SECRET};

    public static RequestWiring fromEnvironment() {
        return from(Env.system());
    }

    public static RequestWiring from(Env env) {
        return from(env, Clock.systemUTC(), JsonLog.stdout());
    }

    /** The production wiring with a chosen clock and log sink (tests move time and read the log). */
    public static RequestWiring from(Env env, Clock clock, JsonLog log) {
        Config config = Config.load(env, REQUIRED);
        SdkHttpClient http = AwsClients.httpClient();
        var dynamo = AwsClients.dynamoDb(config.aws(), http);
        TrackService tracks = new TrackService(
                new DynamoQuotaLedger(dynamo, config.tableName(), config.freeDailyLimit(), config.maxActiveJobs()),
                new DynamoJobStore(dynamo, config.tableName()),
                new SqsJobQueue(AwsClients.sqs(config.aws(), http), config.queueUrl()),
                new S3TrackStore(AwsClients.s3(config.aws(), http), AwsClients.presigner(config.aws()), config.bucketName()),
                clock,
                config.musicEngine());
        return new RequestWiring(tracks, new Fingerprinter(config.fingerprintSecret()), log, clock);
    }
}
