package com.cloudmusic.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.config.Env;
import com.cloudmusic.engine.ToneEngine;
import com.cloudmusic.json.Json;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.testkit.CapturedLog;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SnapStart hook primes DynamoDB, S3 and the class list against the emulators and writes nothing. */
@ExtendWith(AwsEmulatorsExtension.class)
class SnapStartPrimingIT {

    @Test
    void beforeCheckpoint_primesEachClientAndTheClassList_andWritesNothing(AwsStack stack) throws Exception {
        CapturedLog log = new CapturedLog();
        GenerateFunction function = new GenerateFunction(
                GenerateWiring.from(new Env(stack.environment()), new ToneEngine(), Clock.systemUTC(), log.log()));

        function.beforeCheckpoint(null);
        function.afterRestore(null);

        JsonNode summary = Json.mapper().readTree(log.lines().get(log.lines().size() - 1));
        assertThat(Json.mapper().convertValue(summary.path("roundTrips"), Map.class)).containsOnlyKeys("dynamodb", "s3", "message-body")
                .containsEntry("dynamodb", "answered").containsEntry("message-body", "answered")
                .hasEntrySatisfying("s3", outcome -> assertThat(outcome).isEqualTo("answered 404"));
        assertThat(summary.path("classesLoaded").asInt()).isGreaterThan(500);
        // A few renamed classes only cost warmth; many mean the list is stale.
        assertThat(summary.path("classesMissing").asInt())
                .as("classes listed but not in the jar: regenerate with testkit/bench/cold-start.sh --class-lists")
                .isLessThan(summary.path("classesLoaded").asInt() / 20);
        assertThat(stack.dynamoDb().scan(s -> s.tableName(stack.tableName())).items()).isEmpty();
        assertThat(stack.s3().listObjectsV2(l -> l.bucket(stack.bucketName())).contents()).isEmpty();
    }
}
