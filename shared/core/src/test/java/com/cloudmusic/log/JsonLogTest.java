package com.cloudmusic.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudmusic.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class JsonLogTest {

    private final List<String> lines = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T15:00:00.123Z"), ZoneOffset.UTC);

    @Test
    void line_carriesLevelTimestampMessageFunctionRequestAndCorrelationIds_inThatOrder() throws Exception {
        JsonLog log = new JsonLog(lines::add, JsonLog.Level.INFO, clock);

        try (Invocation invocation = Invocation.begin("cloudmusic-generate", "req-1")) {
            Invocation.correlate("job-1");
            log.info("generate", Map.of("outcome", "done"));
        }

        JsonNode line = Json.mapper().readTree(lines.get(0));
        assertThat(line.fieldNames()).toIterable()
                .containsExactly("level", "timestamp", "message", "functionName", "AWSRequestId", "correlationId", "outcome");
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("timestamp").asText()).isEqualTo("2026-12-01T15:00:00.123Z");
        assertThat(line.get("AWSRequestId").asText()).isEqualTo("req-1");
        assertThat(line.get("correlationId").asText()).isEqualTo("job-1");
    }

    @Test
    void invocation_endsWithTheHandler_soTheNextLineCarriesNoStaleIds() throws Exception {
        JsonLog log = new JsonLog(lines::add, JsonLog.Level.INFO, clock);
        try (Invocation invocation = Invocation.begin("f", "req-1")) {
            Invocation.correlate("job-1");
        }

        log.info("after", Map.of());

        JsonNode line = Json.mapper().readTree(lines.get(0));
        assertThat(line.has("AWSRequestId")).isFalse();
        assertThat(line.has("correlationId")).isFalse();
    }

    @Test
    void invocation_isPerThread_asTheLocalRunnerRunsFunctionsSideBySide() throws Exception {
        JsonLog log = new JsonLog(lines::add, JsonLog.Level.INFO, clock);
        try (Invocation mine = Invocation.begin("request", "req-main")) {
            CompletableFuture.runAsync(() -> {
                try (Invocation other = Invocation.begin("generate", "req-other")) {
                    log.info("other", Map.of());
                }
            }).get();
            log.info("mine", Map.of());
        }

        assertThat(Json.mapper().readTree(lines.get(0)).get("AWSRequestId").asText()).isEqualTo("req-other");
        assertThat(Json.mapper().readTree(lines.get(1)).get("AWSRequestId").asText()).isEqualTo("req-main");
    }

    @Test
    void linesBelowTheLevel_areDropped() {
        JsonLog log = new JsonLog(lines::add, JsonLog.Level.WARN, clock);

        log.debug("a", Map.of());
        log.info("b", Map.of());
        log.warn("c", Map.of());
        log.error("d", Map.of());

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"level\":\"WARN\"");
        assertThat(lines.get(1)).contains("\"level\":\"ERROR\"");
    }

    @Test
    void level_comesFromPowertoolsLogLevel_beforeLogLevel() {
        assertThat(JsonLog.Level.fromEnvironment(Map.of("POWERTOOLS_LOG_LEVEL", "debug", "LOG_LEVEL", "ERROR")))
                .isEqualTo(JsonLog.Level.DEBUG);
        assertThat(JsonLog.Level.fromEnvironment(Map.of("LOG_LEVEL", "warning"))).isEqualTo(JsonLog.Level.WARN);
        assertThat(JsonLog.Level.fromEnvironment(Map.of())).isEqualTo(JsonLog.Level.INFO);
    }

    @Test
    void level_namesTheVariable_whenItIsNotALevel() {
        assertThatThrownBy(() -> JsonLog.Level.fromEnvironment(Map.of("LOG_LEVEL", "loud")))
                .hasMessageContaining("LOG_LEVEL").hasMessageContaining("loud");
    }

    @Test
    void nullFields_areLeftOut() {
        JsonLog log = new JsonLog(lines::add, JsonLog.Level.INFO, clock);
        java.util.Map<String, Object> fields = new java.util.HashMap<>();
        fields.put("error", null);

        log.info("request", fields);

        assertThat(lines.get(0)).doesNotContain("error");
    }
}
