package com.cloudmusic.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.json.Json;
import com.cloudmusic.outbound.Sleeper;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SnapStart hook primes DynamoDB, S3 and the class list against the emulators and writes nothing. */
@ExtendWith(AwsEmulatorsExtension.class)
class SnapStartPrimingIT {

    @Test
    void beforeCheckpoint_primesEachClientAndTheClassList_andWritesNothing(AwsStack stack) throws Exception {
        PublishFixture f = new PublishFixture(stack);
        PublishFunction function = new PublishFunction(PublishWiring.from(f.env(Map.of()), f.clock, f.log.log(), Sleeper.system()));

        function.beforeCheckpoint(null);
        function.afterRestore(null);

        JsonNode summary = Json.mapper().readTree(f.log.lines().get(f.log.lines().size() - 1));
        assertThat(Json.mapper().convertValue(summary.path("roundTrips"), Map.class))
                .isEqualTo(Map.of("dynamodb", "answered", "s3", "answered 404"));
        assertThat(summary.path("classesLoaded").asInt()).isGreaterThan(500);
        // A few renamed classes only cost warmth; many mean the list is stale.
        assertThat(summary.path("classesMissing").asInt())
                .as("classes listed but not in the jar: regenerate with testkit/bench/cold-start.sh --class-lists")
                .isLessThan(summary.path("classesLoaded").asInt() / 20);
        assertThat(stack.dynamoDb().scan(s -> s.tableName(stack.tableName())).items()).isEmpty();
        assertThat(f.keys("")).isEmpty();
    }
}
