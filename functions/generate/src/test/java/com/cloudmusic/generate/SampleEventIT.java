package com.cloudmusic.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.cloudmusic.config.Env;
import com.cloudmusic.engine.ToneEngine;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.testkit.CapturedLog;
import java.time.Clock;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

/** The sample SQS batch of events/ (as `sam local invoke -e` uses it) runs through the real handler. */
@ExtendWith(AwsEmulatorsExtension.class)
class SampleEventIT {

    @ParameterizedTest
    @Event(value = "events/sqs-generate.json", type = SQSEvent.class)
    void sampleBatch_forAJobThatDoesNotExist_isAcknowledged(SQSEvent event, AwsStack stack) {
        CapturedLog log = new CapturedLog();
        GenerateFunction function = new GenerateFunction(
                GenerateWiring.from(new Env(stack.environment()), new ToneEngine(), Clock.systemUTC(), log.log()));

        SQSBatchResponse response = function.handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(log.lines()).singleElement().asString().contains("\"outcome\":\"done\"")
                .contains("3f1c2a9e-8b7d-4c6e-9a51-2d4e6f8a0b1c");
    }
}
