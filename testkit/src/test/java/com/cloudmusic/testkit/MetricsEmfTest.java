package com.cloudmusic.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudmusic.log.Invocation;
import com.cloudmusic.metrics.Metrics;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics writer's lines, read as CloudWatch Logs reads Embedded Metric Format. */
class MetricsEmfTest {

    private final CapturedLog captured = new CapturedLog();
    private final Metrics metrics = new Metrics(captured.log());

    @Test
    void generationRequested_isCountedByDecisionAndChargeSource() {
        metrics.generationRequested("ALLOW", "free");

        assertThat(captured.metrics()).singleElement().satisfies(d -> {
            assertThat(d.namespace()).isEqualTo("CloudMusic");
            assertThat(d.name()).isEqualTo("GenerationsRequested");
            assertThat(d.unit()).isEqualTo("Count");
            assertThat(d.dimensions()).isEqualTo(Map.of("Decision", "ALLOW", "ChargeSource", "free"));
            assertThat(d.sum()).isEqualTo(1.0);
        });
    }

    @Test
    void generationFinished_isCountedAndTimedByEngineAndType_andByResultAloneForTheAlarm() {
        metrics.generationFinished("procedural", "bass", "ready", 245);

        assertThat(captured.metrics()).extracting(d -> d.name() + " " + d.unit() + " " + d.dimensions() + " " + d.sum())
                .containsExactlyInAnyOrder(
                        "Generations Count {Engine=procedural, LoopType=bass, Result=ready} 1.0",
                        "Generations Count {Result=ready} 1.0",
                        "GenerationTime Milliseconds {Engine=procedural, LoopType=bass, Result=ready} 245.0",
                        "GenerationTime Milliseconds {Result=ready} 245.0");
    }

    @Test
    void creditsGranted_carriesTheCreditsAsTheValue() {
        metrics.creditsGranted("checkout.session.completed", 40);
        metrics.creditsTakenBack("charge.refunded", 37);

        assertThat(captured.metrics()).extracting(d -> d.name() + "=" + d.sum())
                .containsExactly("CreditsGranted=40.0", "CreditsTakenBack=37.0");
    }

    @Test
    void aMissingDimensionValue_isWrittenAsUnknown_soCloudWatchKeepsTheDatum() {
        metrics.publishPost(null, "posted");

        assertThat(captured.metrics()).singleElement()
                .satisfies(d -> assertThat(d.dimensions()).containsEntry("Channel", "unknown"));
    }

    @Test
    void documents_carryTheInvocationIds_asPropertiesNotDimensions() {
        try (Invocation invocation = Invocation.begin("cloudmusic-request", "req-9")) {
            Invocation.correlate("job-9");
            metrics.webhookSignatureFailure("invalid_signature");
        }

        assertThat(captured.metricLines()).singleElement().asString()
                .contains("\"AWSRequestId\":\"req-9\"", "\"correlationId\":\"job-9\"");
        assertThat(captured.metrics()).singleElement()
                .satisfies(d -> assertThat(d.dimensions()).isEqualTo(Map.of("Code", "invalid_signature")));
        assertThat(captured.lines()).isEmpty();
    }

    @Test
    void reader_refusesADocumentCloudWatchWouldDrop() {
        String noValue = "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"CloudMusic\","
                + "\"Dimensions\":[[\"Engine\"]],\"Metrics\":[{\"Name\":\"Generations\",\"Unit\":\"Count\"}]}]},"
                + "\"Engine\":\"tone\"}";
        String badDimension = "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"CloudMusic\","
                + "\"Dimensions\":[[\"Engine\"]],\"Metrics\":[{\"Name\":\"Generations\",\"Unit\":\"Count\"}]}]},"
                + "\"Generations\":1}";
        String badUnit = "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"CloudMusic\","
                + "\"Dimensions\":[],\"Metrics\":[{\"Name\":\"Generations\",\"Unit\":\"Loops\"}]}]},\"Generations\":1}";

        assertThatThrownBy(() -> EmfDocuments.extract(noValue)).hasMessageContaining("no numeric value");
        assertThatThrownBy(() -> EmfDocuments.extract(badDimension)).hasMessageContaining("dimension");
        assertThatThrownBy(() -> EmfDocuments.extract(badUnit)).hasMessageContaining("not a CloudWatch unit");
    }
}
