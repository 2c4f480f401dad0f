package com.cloudmusic.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.json.Json;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SnapStart hooks prime every client the first request needs, against the emulators, and write nothing. */
@ExtendWith(AwsEmulatorsExtension.class)
class SnapStartPrimingIT {

    @Test
    void beforeCheckpoint_primesEachClientAndTheClassList_readsOnly_andLeavesTheFunctionWorking(AwsStack stack)
            throws Exception {
        RequestFixture api = new RequestFixture(stack);

        api.function.beforeCheckpoint(null);

        JsonNode summary = Json.mapper().readTree(api.log.lines().get(api.log.lines().size() - 1));
        assertThat(summary.path("message").asText()).isEqualTo("snapstart_priming");
        assertThat(Json.mapper().convertValue(summary.path("roundTrips"), Map.class)).isEqualTo(Map.of(
                "dynamodb", "answered", "sqs", "answered", "s3-presigner", "answered", "request-body", "answered"));
        assertThat(summary.path("classesLoaded").asInt()).isGreaterThan(500);
        // A few renamed classes only cost warmth; many mean the list is stale.
        assertThat(summary.path("classesMissing").asInt())
                .as("classes listed but not in the jar: regenerate with testkit/bench/cold-start.sh --class-lists")
                .isLessThan(summary.path("classesLoaded").asInt() / 20);
        assertThat(api.allItems()).isEmpty();
        assertThat(api.post(RequestFixture.GUIDED).getStatusCode()).isEqualTo(202);
    }

    @Test
    void afterRestore_leavesTheFunctionWorking(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);
        api.function.beforeCheckpoint(null);

        api.function.afterRestore(null);

        assertThat(api.post(RequestFixture.GUIDED).getStatusCode()).isEqualTo(202);
    }
}
