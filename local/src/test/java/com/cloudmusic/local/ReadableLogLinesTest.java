package com.cloudmusic.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.log.Invocation;
import com.cloudmusic.log.JsonLog;
import com.cloudmusic.metrics.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a person watching `serve` sees of the functions' JSON log lines and metrics: one line per event. */
class ReadableLogLinesTest {

    private final List<String> written = new ArrayList<>();
    private final JsonLog log = new JsonLog(written::add, JsonLog.Level.INFO,
            Clock.fixed(Instant.parse("2026-12-01T15:20:01.123Z"), ZoneOffset.UTC));

    @Test
    void logLine_becomesTimeLevelFunctionMessageFieldsAndCorrelationId() {
        try (Invocation invocation = Invocation.begin("RequestFunction", "req-1")) {
            Invocation.correlate("3f1c2a9e-8b7d-4c6e-9a51-2d4e6f8a0b1c");
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("route", "POST /v1/tracks");
            fields.put("status", 202);
            log.info("request", fields);
        }

        assertThat(ReadableLogLines.readable(written.get(0))).isEqualTo(
                "15:20:01.123 INFO  RequestFunction request route=\"POST /v1/tracks\" status=202"
                        + " [3f1c2a9e-8b7d-4c6e-9a51-2d4e6f8a0b1c]");
    }

    @Test
    void metricDocument_becomesOneLineWithValueUnitAndDimensions() {
        try (Invocation invocation = Invocation.begin("RequestFunction", "req-1")) {
            new Metrics(log).generationRequested("ALLOW", "free");
        }

        assertThat(ReadableLogLines.readable(written.get(0))).isEqualTo(
                "15:20:01.123 METRIC RequestFunction GenerationsRequested=1 Count (Decision=ALLOW, ChargeSource=free)");
    }

    @Test
    void otherLines_passThroughUnchanged() {
        assertThat(ReadableLogLines.readable("emulators ready")).isEqualTo("emulators ready");
        assertThat(ReadableLogLines.readable("{\"not\":\"a log line\"}")).isEqualTo("{\"not\":\"a log line\"}");
        assertThat(ReadableLogLines.readable("{broken")).isEqualTo("{broken");
    }

    @Test
    void printStream_rewritesEachCompleteLine_asTheFunctionsPrintThem() {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        PrintStream readable = ReadableLogLines.printStream(new PrintStream(target, true, StandardCharsets.UTF_8));
        log.warn("generate", Map.of("outcome", "retry"));

        readable.println(written.get(0));
        readable.print("plain ");
        readable.println("text");

        assertThat(target.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "15:20:01.123 WARN  - generate outcome=retry", "plain text");
    }
}
