package com.cloudmusic.generate;

import com.cloudmusic.audio.Renditions;
import com.cloudmusic.aws.AwsClients;
import com.cloudmusic.aws.AwsSettings;
import com.cloudmusic.aws.DynamoJobStore;
import com.cloudmusic.aws.S3TrackStore;
import com.cloudmusic.config.Config;
import com.cloudmusic.config.Env;
import com.cloudmusic.engine.Engines;
import com.cloudmusic.log.JsonLog;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.tracks.GenerationService;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpClient;

/** Everything the generate function needs, built once per execution environment. */
public record GenerateWiring(GenerationService generation, String deadLetterQueueArn, JsonLog log) {

    static final String[] REQUIRED = {Config.TABLE_NAME, Config.BUCKET_NAME};

    public static GenerateWiring fromEnvironment() {
        return from(Env.system());
    }

    public static GenerateWiring from(Env env) {
        Config.load(env, REQUIRED); // fail on the table and bucket before building an engine
        return from(env, Engines.fromEnvironment(env), Clock.systemUTC(), JsonLog.stdout());
    }

    /** The production wiring around a chosen engine, clock and log (tests inject a failing engine). */
    public static GenerateWiring from(Env env, MusicEngine engine, Clock clock, JsonLog log) {
        Config config = Config.load(env, REQUIRED);
        SdkHttpClient http = AwsClients.httpClient();
        AwsSettings aws = AwsSettings.from(config.env());
        GenerationService generation = new GenerationService(
                new DynamoJobStore(AwsClients.dynamoDb(aws, http), config.tableName()),
                new S3TrackStore(AwsClients.s3(aws, http), AwsClients.presigner(aws), config.bucketName()),
                engine,
                Renditions.ENCODER,
                clock,
                message -> log.write(message, Map.of()));
        return new GenerateWiring(generation, config.deadLetterQueueArn(), log);
    }
}
