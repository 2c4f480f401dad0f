package com.cloudmusic.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.log.JsonLog;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

class SnapStartPrimingTest {

    private final List<String> lines = new ArrayList<>();
    private final JsonLog log = new JsonLog(lines::add);

    @Test
    void beforeCheckpoint_loadsTheListedClasses_skippingCommentsBlanksAndClassesNotInTheJar() {
        Map<String, Object> summary = SnapStartPriming.builder("priming/test-classes.txt", log).build().beforeCheckpoint();

        assertThat(summary).containsEntry("classesLoaded", 2).containsEntry("classesMissing", 1);
        assertThat(lines).singleElement().asString().contains("\"message\":\"snapstart_priming\"");
    }

    @Test
    void beforeCheckpoint_primesNothingFromAMissingList_andStillMakesTheRoundTrips() {
        Map<String, Object> summary = SnapStartPriming.builder("priming/absent.txt", log)
                .roundTrip("dynamodb", () -> { })
                .build().beforeCheckpoint();

        assertThat(summary).containsEntry("classesLoaded", 0).containsEntry("roundTrips", Map.of("dynamodb", "answered"));
    }

    @Test
    void beforeCheckpoint_countsAnErrorAnswerAsAnswered_andNeverThrowsForAFailedTrip() {
        Map<String, Object> summary = SnapStartPriming.builder("priming/absent.txt", log)
                .roundTrip("dynamodb", () -> {
                    throw ResourceNotFoundException.builder().statusCode(400).message("no table").build();
                })
                .roundTrip("sqs", () -> {
                    throw new IllegalStateException("connection refused");
                })
                .build().beforeCheckpoint();

        assertThat(summary.get("roundTrips")).isEqualTo(Map.of(
                "dynamodb", "answered 400", "sqs", "failed IllegalStateException"));
    }

    @Test
    void preloadDuringColdStart_startsOnlyOnAnOnDemandLambdaInit_withTwoVcpus_notOffLambdaNorUnderSnapStart() {
        String list = "priming/test-classes.txt";

        assertThat(SnapStartPriming.preloadDuringColdStart(list, Map.of())).isFalse();
        assertThat(SnapStartPriming.preloadDuringColdStart(list, lambda("snap-start", "4096"))).isFalse();
        assertThat(SnapStartPriming.preloadDuringColdStart(list, lambda("on-demand", "4096"))).isTrue();
        assertThat(SnapStartPriming.preloadDuringColdStart(list, lambda("provisioned-concurrency", "3538"))).isTrue();
    }

    @Test
    void warmsBesideTheFirstEvent_onlyWithTwoVcpus_soASmallerFunctionKeepsItsCpuForTheEvent() {
        assertThat(SnapStartPriming.warmsBesideTheFirstEvent(lambda("on-demand", "1024"))).isFalse();
        assertThat(SnapStartPriming.warmsBesideTheFirstEvent(lambda("on-demand", "3537"))).isFalse();
        assertThat(SnapStartPriming.warmsBesideTheFirstEvent(lambda("on-demand", "3538"))).isTrue();
        assertThat(SnapStartPriming.warmsBesideTheFirstEvent(lambda("on-demand", "lots"))).isFalse();
        assertThat(SnapStartPriming.warmsBesideTheFirstEvent(Map.of("AWS_LAMBDA_FUNCTION_NAME", "f",
                "AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"))).isFalse();
    }

    private static Map<String, String> lambda(String initialisation, String memoryMb) {
        return Map.of("AWS_LAMBDA_FUNCTION_NAME", "f", "AWS_LAMBDA_INITIALIZATION_TYPE", initialisation,
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", memoryMb);
    }

    @Test
    void afterRestore_reseeds_soTwoCopiesOfOneSnapshotDrawDifferentValues() throws NoSuchAlgorithmException {
        // Two generators in one state stand for one generator in two environments restored from one snapshot.
        SecureRandom first = seeded(42);
        SecureRandom second = seeded(42);
        assertThat(first.nextLong()).isEqualTo(second.nextLong());

        SnapStartPriming.builder("priming/absent.txt", log).reseed(first).build().afterRestore();
        SnapStartPriming.builder("priming/absent.txt", log).reseed(second).build().afterRestore();

        assertThat(first.nextLong()).isNotEqualTo(second.nextLong());
    }

    private static SecureRandom seeded(long seed) throws NoSuchAlgorithmException {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(seed);
        return random;
    }
}
