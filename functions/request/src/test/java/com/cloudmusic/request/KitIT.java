package com.cloudmusic.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.audio.Renditions;
import com.cloudmusic.aws.DynamoJobStore;
import com.cloudmusic.aws.DynamoQuotaLedger;
import com.cloudmusic.aws.S3TrackStore;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.engine.ToneEngine;
import com.cloudmusic.engine.kit.KitRenderer;
import com.cloudmusic.engine.procedural.ProceduralEngine;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.KitEngine;
import com.cloudmusic.testkit.ApiEvents;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.tracks.GenerationService;
import com.cloudmusic.tracks.Reconciler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Matched kits on the emulators: 4 units all or nothing, one job, every part a track, one ZIP. */
@ExtendWith(AwsEmulatorsExtension.class)
class KitIT {

    static final String KIT = "{\"mode\":\"guided\",\"params\":{\"bpm\":124,\"duration\":2,\"key\":\"F#m\",\"seed\":7}}";

    private static APIGatewayV2HTTPResponse postKit(RequestFixture api) {
        return api.send(ApiEvents.postJson("/v1/kits", KIT, RequestFixture.IP, ApiEvents.BROWSER));
    }

    private static String kitId(APIGatewayV2HTTPResponse accepted) {
        return RequestFixture.json(accepted).at("/kit/id").asText();
    }

    private static GenerationService generation(AwsStack stack, KitEngine kits, Clock clock) {
        return new GenerationService(new DynamoJobStore(stack.dynamoDb(), stack.tableName()),
                new S3TrackStore(stack.s3(), stack.presigner(), stack.bucketName()), new ToneEngine(), kits,
                Renditions.ENCODER, clock);
    }

    @Test
    void postKit_chargesFourUnitsFromOneSource_asOneQueuedJob(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);

        APIGatewayV2HTTPResponse response = postKit(api);

        assertThat(response.getStatusCode()).isEqualTo(202);
        JsonNode body = RequestFixture.json(response);
        assertThat(body.at("/kit/units").asInt()).isEqualTo(4);
        assertThat(body.at("/kit/status").asText()).isEqualTo("queued");
        assertThat(body.at("/kit/bars").asInt()).isEqualTo(1);
        assertThat(body.at("/kit/parts").size()).isZero();
        assertThat(body.at("/charged").asText()).isEqualTo("free");
        assertThat(body.at("/quota/freeRemaining").asInt()).isZero();
        assertThat(response.getHeaders()).containsEntry("location", "/v1/kits/" + kitId(response));
        assertThat(api.jobCount()).isEqualTo(1);
        assertThat(stack.sqs().receiveMessage(r -> r.queueUrl(stack.queueUrl()).maxNumberOfMessages(10)).messages())
                .hasSize(1).allMatch(m -> m.body().contains(kitId(response)));
    }

    @Test
    void postKit_answers402AndChargesNothing_whenFewerThanFourUnitsAreLeft(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);
        assertThat(api.post(RequestFixture.GUIDED).getStatusCode()).isEqualTo(202);

        APIGatewayV2HTTPResponse refused = postKit(api);

        assertThat(refused.getStatusCode()).isEqualTo(402);
        assertThat(RequestFixture.json(refused).at("/error/code").asText()).isEqualTo("quota_exhausted");
        assertThat(RequestFixture.json(refused).at("/decision").asText()).isEqualTo("BLOCK");
        assertThat(api.quota().at("/freeRemaining").asInt()).isEqualTo(3);
        assertThat(api.jobCount()).isEqualTo(1);
    }

    @Test
    void postKit_takesOneInFlightSlot_notFour(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);
        api.addCredits(8);

        assertThat(postKit(api).getStatusCode()).isEqualTo(202);
        assertThat(api.post(RequestFixture.GUIDED).getStatusCode()).isEqualTo(202);
        assertThat(api.post(RequestFixture.GUIDED).getStatusCode()).isEqualTo(202);

        APIGatewayV2HTTPResponse fourthJob = postKit(api);
        assertThat(fourthJob.getStatusCode()).isEqualTo(429);
        assertThat(api.quota().at("/credits").asInt()).isEqualTo(2);
    }

    @Test
    void twentyParallelMixedKitAndTrackRequests_neverOverspend(AwsStack stack) throws Exception {
        RequestFixture api = new RequestFixture(stack, Map.of("MAX_ACTIVE_JOBS", "100"));
        api.addCredits(10);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Callable<int[]>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            boolean kit = i % 2 == 0;
            calls.add(() -> new int[] {kit ? 4 : 1,
                (kit ? postKit(api) : api.post(RequestFixture.GUIDED)).getStatusCode()});
        }
        List<int[]> outcomes = new ArrayList<>();
        try {
            for (Future<int[]> future : pool.invokeAll(calls)) {
                outcomes.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        int unitsAccepted = outcomes.stream().filter(o -> o[1] == 202).mapToInt(o -> o[0]).sum();
        JsonNode quota = api.quota();
        int unitsSpent = (10 - quota.at("/credits").asInt()) + (4 - quota.at("/freeRemaining").asInt());
        assertThat(outcomes).allMatch(o -> o[1] == 202 || o[1] == 402 || o[1] == 429);
        assertThat(unitsSpent).isEqualTo(unitsAccepted).isLessThanOrEqualTo(14);
        assertThat(quota.at("/credits").asInt()).isBetween(0, 10);
        assertThat(api.jobCount()).isEqualTo(outcomes.stream().filter(o -> o[1] == 202).count());
        assertThat(outcomes).as("some kit got its 4 units").anyMatch(o -> o[0] == 4 && o[1] == 202);
    }

    @Test
    void kit_beforeItIsReady_showsNoPartsAndItsZipAnswers409(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);
        String id = kitId(postKit(api));

        JsonNode kit = RequestFixture.json(api.get("/v1/kits/" + id));
        APIGatewayV2HTTPResponse zip = api.get("/v1/kits/" + id + "/zip");

        assertThat(kit.at("/status").asText()).isEqualTo("queued");
        assertThat(kit.at("/parts").size()).isZero();
        assertThat(kit.has("zipUrl")).isFalse();
        assertThat(zip.getStatusCode()).isEqualTo(409);
        assertThat(api.get("/v1/tracks/" + id).getStatusCode()).as("a kit is no track").isEqualTo(404);
        assertThat(api.get("/v1/kits/" + java.util.UUID.randomUUID()).getStatusCode()).isEqualTo(404);
    }

    @Test
    void kit_madeByTheGenerateSide_showsEveryPartAsATrack_theMix_andOneZip(AwsStack stack) throws Exception {
        RequestFixture api = new RequestFixture(stack);
        String id = kitId(postKit(api));

        assertThat(generation(stack, new KitRenderer(new ProceduralEngine()), api.clock)
                .process(id, 1).result()).isEqualTo("ready");

        JsonNode kit = RequestFixture.json(api.get("/v1/kits/" + id));
        assertThat(kit.at("/status").asText()).isEqualTo("ready");
        List<String> types = new ArrayList<>();
        kit.at("/parts").forEach(part -> types.add(part.at("/type").asText()));
        assertThat(types).containsExactly("kick", "bass", "texture", "riser");
        assertThat(kit.at("/mix/type").asText()).isEqualTo("mix");
        for (JsonNode part : kit.at("/parts")) {
            assertThat(part.at("/formats").toString()).isEqualTo("[\"wav\",\"mp3\",\"mid\"]");
            assertThat(part.at("/bpm").asInt()).isEqualTo(124);
            assertThat(part.at("/fileName").asText()).matches("cloudmusic_[0-9a-f]{8}_[a-z]+_124bpm_Fsharpm\\.wav");
            String partId = part.at("/id").asText();
            assertThat(api.get("/v1/tracks/" + partId + "/audio?format=mid").getStatusCode()).isEqualTo(302);
            assertThat(api.get("/v1/tracks/" + partId + "/waveform").getStatusCode()).isEqualTo(302);
        }
        assertThat(RequestFixture.json(api.get("/v1/tracks")).at("/tracks").size())
                .as("kits and their parts stay out of the track list").isZero();
        assertThat(api.quota().at("/freeRemaining").asInt()).isZero();

        APIGatewayV2HTTPResponse zip = api.get(kit.at("/zipUrl").asText());
        assertThat(zip.getStatusCode()).isEqualTo(302);
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(zip.getHeaders().get("location"))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("content-disposition").orElse(""))
                .contains(kit.at("/zipFileName").asText());
        List<String> entries = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(download.body()))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.add(entry.getName());
            }
        }
        String kit8 = id.replace("-", "").substring(0, 8);
        assertThat(entries).hasSize(10).contains("cloudmusic_" + kit8 + "_kick_124bpm_Fsharpm.wav",
                "cloudmusic_" + kit8 + "_mix_124bpm_Fsharpm.mid");
    }

    @Test
    void kit_thatFailsForGood_givesAllFourUnitsBack_once(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);
        String id = kitId(postKit(api));
        KitEngine broken = spec -> {
            throw new EngineException("engine_failed", "no kit today", false);
        };
        GenerationService service = generation(stack, broken, api.clock);

        assertThat(service.process(id, 1).result()).isEqualTo("retry");
        assertThat(api.quota().at("/freeRemaining").asInt()).isZero();
        assertThat(service.process(id, GenerationService.MAX_RECEIVES).result()).isEqualTo("failed");
        assertThat(service.deadLettered(id).result()).isEqualTo("skipped");

        JsonNode kit = RequestFixture.json(api.get("/v1/kits/" + id));
        assertThat(kit.at("/status").asText()).isEqualTo("failed");
        assertThat(kit.at("/error/message").asText()).contains("4 units were given back");
        assertThat(api.quota().at("/freeRemaining").asInt()).isEqualTo(4);
        assertThat(postKit(api).getStatusCode()).as("the slot is free again").isEqualTo(202);
    }

    @Test
    void walletKit_thatFailsForGood_givesAllFourWalletCreditsBack_andFreesTheWallet(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);
        String key = "aKitBuyersWalletKey_0123456789abcdef01";
        api.fundWallet(key, 5);
        APIGatewayV2HTTPResponse accepted = api.send("POST", "/v1/kits", KIT, RequestFixture.IP, ApiEvents.BROWSER,
                Map.of("x-wallet-key", key));
        assertThat(accepted.getStatusCode()).isEqualTo(202);
        assertThat(RequestFixture.json(accepted).at("/charged").asText()).isEqualTo("credit");
        assertThat(api.walletCredits(key)).isEqualTo(1);
        assertThat(walletActive(api, key)).isEqualTo(4);
        KitEngine broken = spec -> {
            throw new EngineException("engine_failed", "no kit today", true);
        };

        assertThat(generation(stack, broken, api.clock).process(kitId(accepted), 1).result()).isEqualTo("failed");

        assertThat(api.walletCredits(key)).isEqualTo(5);
        assertThat(walletActive(api, key)).isZero();
        assertThat(api.quota().at("/freeRemaining").asInt()).as("the free allowance was never touched").isEqualTo(4);
    }

    private static long walletActive(RequestFixture api, String key) {
        var item = api.stack.dynamoDb().getItem(g -> g.tableName(api.stack.tableName()).consistentRead(true)
                .key(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                        "wallet#" + RequestFixture.hash(key)), "sk",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("wallet")))).item();
        return item.containsKey("active") ? Long.parseLong(item.get("active").n()) : 0;
    }

    @Test
    void kit_stuckGenerating_isFailedByTheReconciler_withAllFourUnitsBack(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);
        api.addCredits(4);
        String id = kitId(postKit(api));
        DynamoJobStore jobs = new DynamoJobStore(stack.dynamoDb(), stack.tableName());
        assertThat(jobs.startGenerating(id, api.clock.instant())).isPresent();
        api.clock.advance(Reconciler.STUCK_AFTER.plus(Duration.ofMinutes(1)));
        Reconciler reconciler = new Reconciler(jobs, jobId -> { }, new DynamoQuotaLedger(stack.dynamoDb(),
                stack.tableName(), 4, 3), api.clock, line -> { });

        assertThat(reconciler.run().failedStuck()).isEqualTo(1);
        assertThat(reconciler.run().failedStuck()).isZero();

        JsonNode kit = RequestFixture.json(api.get("/v1/kits/" + id));
        assertThat(kit.at("/status").asText()).isEqualTo("failed");
        assertThat(kit.at("/error/message").asText()).endsWith("your 4 units were given back.");
        assertThat(api.quota().at("/credits").asInt()).isEqualTo(4);
    }
}
