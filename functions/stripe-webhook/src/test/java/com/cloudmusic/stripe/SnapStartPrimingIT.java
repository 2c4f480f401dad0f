package com.cloudmusic.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.json.Json;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SnapStart hook primes DynamoDB, the signature check and the class list, and grants nothing. */
@ExtendWith(AwsEmulatorsExtension.class)
class SnapStartPrimingIT {

    @Test
    void beforeCheckpoint_primesEachClientAndTheClassList_andWritesNothing(AwsStack stack) throws Exception {
        WebhookFixture webhook = new WebhookFixture(stack);

        webhook.function.beforeCheckpoint(null);
        webhook.function.afterRestore(null);

        JsonNode summary = Json.mapper().readTree(webhook.log.lines().get(webhook.log.lines().size() - 1));
        assertThat(Json.mapper().convertValue(summary.path("roundTrips"), Map.class))
                .isEqualTo(Map.of("dynamodb", "answered", "signature", "answered"));
        assertThat(summary.path("classesLoaded").asInt()).isGreaterThan(100);
        // A few renamed classes only cost warmth; many mean the list is stale.
        assertThat(summary.path("classesMissing").asInt())
                .as("classes listed but not in the jar: regenerate with testkit/bench/cold-start.sh --class-lists")
                .isLessThan(summary.path("classesLoaded").asInt() / 20);
        assertThat(webhook.allItems()).isEmpty();
    }
}
