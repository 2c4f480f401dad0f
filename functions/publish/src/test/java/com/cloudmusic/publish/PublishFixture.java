package com.cloudmusic.publish;

import com.cloudmusic.access.Caller;
import com.cloudmusic.audio.Renditions;
import com.cloudmusic.aws.DynamoJobStore;
import com.cloudmusic.aws.DynamoQuotaLedger;
import com.cloudmusic.aws.S3TrackStore;
import com.cloudmusic.config.Env;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.engine.procedural.ProceduralEngine;
import com.cloudmusic.json.Json;
import com.cloudmusic.outbound.Sleeper;
import com.cloudmusic.publish.daily.PublishService;
import com.cloudmusic.publish.daily.TrackOfTheDay;
import com.cloudmusic.testkit.CapturedLog;
import com.cloudmusic.testkit.MutableClock;
import com.cloudmusic.tracks.GenerationRequest;
import com.cloudmusic.tracks.GenerationRequestParser;
import com.cloudmusic.tracks.GenerationService;
import com.cloudmusic.tracks.Job;
import com.cloudmusic.tracks.SpecResolver;
import com.cloudmusic.tracks.TrackStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The publish run wired for real against one emulator stack, with a movable clock, a readable log and
 * a sleeper that records waits; user tracks are made the way the request and generate functions make them.
 */
final class PublishFixture {
    static final String BASE_URL = "https://cloudmusic.example";
    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    final AwsStack stack;
    final MutableClock clock = new MutableClock(START);
    final CapturedLog log = new CapturedLog();
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final Sleeper sleeper = waits::add;
    final DynamoJobStore jobs;
    final S3TrackStore tracks;

    PublishFixture(AwsStack stack) {
        this.stack = stack;
        this.jobs = new DynamoJobStore(stack.dynamoDb(), stack.tableName());
        this.tracks = new S3TrackStore(stack.s3(), stack.presigner(), stack.bucketName());
    }

    Env env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(stack.environment());
        env.put("PUBLIC_BASE_URL", BASE_URL);
        env.putAll(extra);
        return new Env(env);
    }

    PublishService service(Map<String, String> extraEnv) {
        return PublishWiring.from(env(extraEnv), clock, log.log(), sleeper).service();
    }

    PublishService service() {
        return service(Map.of());
    }

    /**
     * A caller's track made as in production: the request is parsed and charged, the job written queued,
     * then the generate side renders it, stores the files and marks it ready (share or not).
     */
    Job userTrack(String body) {
        GenerationRequest request = GenerationRequestParser.parse(body);
        String fingerprint = "fp-" + UUID.randomUUID();
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        new DynamoQuotaLedger(stack.dynamoDb(), stack.tableName(), 4, 3).charge(Caller.anonymous(fingerprint), 1,
                charge -> List.of(Job.queued(id, fingerprint, request, SpecResolver.resolve(request, 42), charge,
                        "procedural", now)), now);
        new GenerationService(jobs, tracks, new ProceduralEngine(), Renditions.ENCODER, clock).process(id, 1);
        Job job = jobs.find(id).orElseThrow();
        if (job.status() != TrackStatus.READY) {
            throw new AssertionError("track not ready: " + job);
        }
        return job;
    }

    Job sharedBass() {
        return userTrack("{\"mode\":\"guided\",\"params\":{\"type\":\"bass\",\"bpm\":124,\"duration\":4},\"share\":true}");
    }

    byte[] object(String key) {
        return stack.s3().getObjectAsBytes(g -> g.bucket(stack.bucketName()).key(key)).asByteArray();
    }

    List<String> keys(String prefix) {
        return stack.s3().listObjectsV2(l -> l.bucket(stack.bucketName()).prefix(prefix)).contents().stream()
                .map(o -> o.key()).sorted().toList();
    }

    JsonNode json(String key) {
        try {
            return Json.mapper().readTree(object(key));
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + key, e);
        }
    }

    List<Map<String, AttributeValue>> items(String pkPrefix) {
        return stack.dynamoDb().scan(s -> s.tableName(stack.tableName())).items().stream()
                .filter(item -> item.get("pk").s().startsWith(pkPrefix)).toList();
    }

    long dailyJobs() {
        return items("job#").stream().filter(item -> TrackOfTheDay.SYSTEM_OWNER.equals(item.get("owner").s())).count();
    }

    Map<String, AttributeValue> delivery(String trackId, String channel) {
        return stack.dynamoDb().getItem(g -> g.tableName(stack.tableName()).key(Map.of(
                "pk", AttributeValue.fromS("delivery#" + trackId), "sk", AttributeValue.fromS(channel)))).item();
    }
}
