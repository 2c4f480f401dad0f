package com.cloudmusic.testkit.bench;

import com.cloudmusic.access.Caller;
import com.cloudmusic.aws.DynamoJobStore;
import com.cloudmusic.aws.DynamoPurchases;
import com.cloudmusic.aws.DynamoQuotaLedger;
import com.cloudmusic.aws.DynamoWallets;
import com.cloudmusic.aws.S3TrackStore;
import com.cloudmusic.aws.SqsJobQueue;
import com.cloudmusic.billing.BillingService;
import com.cloudmusic.billing.PackCatalogue;
import com.cloudmusic.emulators.AwsEmulators;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.emulators.payments.LocalPaymentGateway;
import com.cloudmusic.tracks.GenerationRequestParser;
import com.cloudmusic.tracks.TrackService;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * What each cold-start run of {@code testkit/bench/cold-start.sh} consumes, made before any measured JVM
 * starts: a queued 8 s bass job for the generate function, a pending purchase for the webhook's
 * {@code checkout.session.completed}, and a table of its own for the publish function (a second run on
 * the same table and day would find its track of the day made and skip the render).
 */
final class ColdStartFixtures {

    static final String GUIDED_BASS = "{\"mode\":\"guided\",\"params\":{\"type\":\"bass\",\"bpm\":124,\"duration\":8}}";

    private ColdStartFixtures() {
    }

    /** Variables {@code BENCH_JOB_<run>}, {@code BENCH_SESSION_<run>}, {@code BENCH_PUBLISH_TABLE_<run>}, runs from 1. */
    static Map<String, String> make(AwsEmulators emulators, AwsStack stack, int runs) {
        Clock clock = Clock.systemUTC();
        TrackService tracks = new TrackService(
                new DynamoQuotaLedger(stack.dynamoDb(), stack.tableName(), 1000, 100),
                new DynamoJobStore(stack.dynamoDb(), stack.tableName()),
                new SqsJobQueue(stack.sqs(), stack.queueUrl()),
                new S3TrackStore(stack.s3(), stack.presigner(), stack.bucketName()),
                clock, "procedural");
        BillingService billing = new BillingService(PackCatalogue.parse(Optional.empty()),
                new DynamoWallets(stack.dynamoDb(), stack.tableName()),
                new DynamoPurchases(stack.dynamoDb(), stack.tableName()),
                new LocalPaymentGateway(URI.create("http://localhost:3000"), clock),
                walletKey -> "bench-wallet-" + walletKey.hashCode(), com.cloudmusic.access.Throttle.none(), clock);
        // The emulators' own first calls are slow (S3Proxy took ~3 s for its first upload): pay them here,
        // so the first measured run times the function, not the emulator warming up.
        stack.s3().putObject(p -> p.bucket(stack.bucketName()).key("bench/warm-up"),
                RequestBody.fromBytes(new byte[1 << 20]));
        stack.s3().getObjectAsBytes(g -> g.bucket(stack.bucketName()).key("bench/warm-up"));
        stack.s3().deleteObject(d -> d.bucket(stack.bucketName()).key("bench/warm-up"));
        Map<String, String> env = new LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
            String caller = "bench-caller-" + run;
            env.put("BENCH_JOB_" + run, tracks.request(Caller.anonymous(caller),
                    GenerationRequestParser.parse(GUIDED_BASS)).job().id());
            env.put("BENCH_SESSION_" + run, billing.checkout("credits-40", Optional.empty(), caller,
                    Optional.empty(), "http://localhost:3000").sessionId());
            AwsStack publish = new AwsStack(emulators, "cloudmusic-bench-publish-" + run,
                    "cloudmusic-bench-publish-jobs-" + run, stack.bucketName()).create();
            env.put("BENCH_PUBLISH_TABLE_" + run, publish.tableName());
        }
        return env;
    }
}
