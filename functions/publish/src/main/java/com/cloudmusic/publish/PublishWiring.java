package com.cloudmusic.publish;

import com.cloudmusic.aws.AwsClients;
import com.cloudmusic.aws.AwsSettings;
import com.cloudmusic.aws.DynamoJobStore;
import com.cloudmusic.aws.S3TrackStore;
import com.cloudmusic.config.Config;
import com.cloudmusic.config.Env;
import com.cloudmusic.engine.Engines;
import com.cloudmusic.log.JsonLog;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.outbound.RetryPolicy;
import com.cloudmusic.outbound.Sleeper;
import com.cloudmusic.publish.channel.ChannelHttp;
import com.cloudmusic.publish.channel.DiscordChannel;
import com.cloudmusic.publish.channel.OutboxChannel;
import com.cloudmusic.publish.channel.TelegramChannel;
import com.cloudmusic.publish.daily.Channel;
import com.cloudmusic.publish.daily.PublishService;
import com.cloudmusic.publish.store.DynamoDeliveryLedger;
import com.cloudmusic.publish.store.DynamoPublishJournal;
import com.cloudmusic.publish.store.DynamoSharedTracks;
import com.cloudmusic.publish.store.S3PublishFiles;
import com.cloudmusic.publish.teaser.TeaserMaker;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Everything the publish function needs, built once per execution environment. */
public record PublishWiring(PublishService service, JsonLog log) {

    public static PublishWiring fromEnvironment() {
        return from(Env.system(), Clock.systemUTC(), JsonLog.stdout(), Sleeper.system());
    }

    /** The production wiring around a clock, a log and a sleeper (tests record the waits instead). */
    public static PublishWiring from(Env env, Clock clock, JsonLog log, Sleeper sleeper) {
        Config.load(env, PublishSettings.REQUIRED);
        // The same engine choice as the generate function, Replicate and its fallback included.
        return from(env, Engines.fromEnvironment(env), clock, log, sleeper);
    }

    /** As {@link #from(Env, Clock, JsonLog, Sleeper)} with a chosen engine (tests inject a failing one). */
    public static PublishWiring from(Env env, MusicEngine engine, Clock clock, JsonLog log, Sleeper sleeper) {
        Config config = Config.load(env, PublishSettings.REQUIRED);
        PublishSettings settings = PublishSettings.from(env);
        SdkHttpClient http = AwsClients.httpClient();
        AwsSettings aws = AwsSettings.from(config.env());
        DynamoDbClient dynamo = AwsClients.dynamoDb(aws, http);
        S3Client s3 = AwsClients.s3(aws, http);
        S3PublishFiles files = new S3PublishFiles(s3, config.bucketName());
        PublishService service = new PublishService(new PublishService.Parts(
                new DynamoJobStore(dynamo, config.tableName()),
                new S3TrackStore(s3, AwsClients.presigner(aws), config.bucketName()),
                engine,
                new DynamoDeliveryLedger(dynamo, config.tableName()),
                new DynamoPublishJournal(dynamo, config.tableName()),
                new DynamoSharedTracks(dynamo, config.tableName()),
                files,
                channels(settings, files, clock, sleeper),
                new TeaserMaker(settings.teaserSeconds()),
                config.publicBaseUrl(),
                clock,
                log));
        return new PublishWiring(service, log);
    }

    /** The configured channels; the outbox when none is, so a run always leaves something to inspect. */
    static List<Channel> channels(PublishSettings settings, S3PublishFiles files, Clock clock, Sleeper sleeper) {
        List<Channel> channels = new ArrayList<>();
        OkHttpClient http = ChannelHttp.newClient();
        if (settings.telegramEnabled()) {
            channels.add(new TelegramChannel(http, settings.telegramBaseUrl(), settings.telegramBotToken().get(),
                    settings.telegramChatId().get(), RetryPolicy.CHANNELS, sleeper));
        }
        if (settings.discordEnabled()) {
            channels.add(new DiscordChannel(http, settings.discordWebhookUrl().get(), RetryPolicy.CHANNELS, sleeper));
        }
        if (channels.isEmpty()) {
            channels.add(new OutboxChannel(files, clock));
        }
        return channels;
    }
}
