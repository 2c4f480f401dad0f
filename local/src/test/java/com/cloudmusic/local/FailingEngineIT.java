package com.cloudmusic.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.json.Json;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.EngineException;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.loop.RenderedLoop;
import com.cloudmusic.testkit.CapturedLog;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A job whose engine always fails: retried by the queue, failed for good, dead-lettered, unit given back. */
class FailingEngineIT {

    private LocalRunner runner;

    @AfterEach
    void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    /** Fails every render with a transient error, as an overloaded remote model would. */
    static final class FailingEngine implements MusicEngine {
        final AtomicInteger renders = new AtomicInteger();

        @Override
        public String name() {
            return "failing";
        }

        @Override
        public RenderedLoop render(LoopSpec spec, EngineContext context) throws EngineException {
            renders.incrementAndGet();
            throw new EngineException("engine_failed", "The test engine always fails.", false);
        }
    }

    @Test
    void failingJob_endsFailed_reachesTheDeadLetterQueueAfterThreeReceives_andGivesTheUnitBack() {
        CapturedLog log = new CapturedLog();
        FailingEngine engine = new FailingEngine();
        runner = LocalRunner.builder().port(0).environment(Map.of()).retryDelay(Duration.ZERO)
                .engine(engine).log(log.log()).start();
        RunnerClient client = new RunnerClient(runner.url(), "FailingEngineIT");

        String id = client.requestTrack(RunnerClient.GUIDED);
        JsonNode track = client.awaitTrack(id, status -> status.equals("failed") || status.equals("ready"),
                Duration.ofSeconds(60));
        List<JsonNode> deliveries = RunnerClient.await(() -> generateLines(log, id),
                lines -> lines.stream().anyMatch(line -> line.path("source").asText().equals("dead_letter_queue")),
                Duration.ofSeconds(60), "the job's message to come through the dead-letter queue");

        assertThat(track.at("/status").asText()).isEqualTo("failed");
        assertThat(track.at("/error/code").asText()).isEqualTo("engine_failed");
        List<JsonNode> fromJobsQueue = deliveries.stream()
                .filter(line -> !line.path("source").asText().equals("dead_letter_queue")).toList();
        assertThat(fromJobsQueue).extracting(line -> line.at("/receiveCount").asInt()).containsExactly(1, 2, 3);
        assertThat(fromJobsQueue).extracting(line -> line.at("/outcome").asText()).containsOnly("retry");
        assertThat(engine.renders).hasValue(3);
        // Given back exactly once: the failed third try and the dead-letter delivery do not both refund it.
        assertThat(client.quota().at("/freeRemaining").asInt()).isEqualTo(4);
        assertThat(runner.stack().sqs().getQueueAttributes(a -> a.queueUrl(runner.stack().deadLetterQueueUrl())
                .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings())
                .containsEntry("ApproximateNumberOfMessages", "0");
    }

    private static List<JsonNode> generateLines(CapturedLog log, String jobId) {
        return log.lines().stream().map(FailingEngineIT::parse)
                .filter(line -> line.path("message").asText().equals("generate"))
                .filter(line -> line.path("correlationId").asText().equals(jobId))
                .toList();
    }

    private static JsonNode parse(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
