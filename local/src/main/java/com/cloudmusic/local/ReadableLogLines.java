package com.cloudmusic.local;

import com.cloudmusic.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Turns what the functions write to standard output (JSON log lines and Embedded Metric Format
 * documents, as Lambda sends them to CloudWatch) into one readable line per event, for a person watching
 * the local runner; anything else passes through unchanged. {@code --log-format json} keeps the raw lines.
 */
final class ReadableLogLines {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final Set<String> HEADER = Set.of("level", "timestamp", "message", "functionName", "AWSRequestId",
            "correlationId");

    private ReadableLogLines() {
    }

    /** A print stream that writes each complete line to {@code target}, made readable. */
    static PrintStream printStream(PrintStream target) {
        return new PrintStream(new LineSplitter(target), true, StandardCharsets.UTF_8);
    }

    /** One line, readable: a log event, a metric document, or the line as it was. */
    static String readable(String line) {
        if (!line.startsWith("{")) {
            return line;
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(line);
        } catch (Exception e) {
            return line;
        }
        if (node == null || !node.isObject()) {
            return line;
        }
        if (node.has("_aws")) {
            return metric(node);
        }
        if (node.has("level") && node.has("message")) {
            return event(node);
        }
        return line;
    }

    /** {@code 15:20:01.123 INFO  RequestFunction request route="POST /v1/tracks" status=202 … [job 3f1c2a9e]} */
    private static String event(JsonNode node) {
        StringBuilder out = new StringBuilder();
        out.append(time(node.path("timestamp").asText(null))).append(' ')
                .append(String.format("%-5s", node.path("level").asText())).append(' ')
                .append(node.path("functionName").asText("-")).append(' ')
                .append(node.path("message").asText());
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!HEADER.contains(field.getKey())) {
                out.append(' ').append(field.getKey()).append('=').append(value(field.getValue()));
            }
        }
        ids(node, out);
        return out.toString();
    }

    /** {@code 15:20:01.123 METRIC RequestFunction GenerationsRequested=1 Count (Decision=ALLOW, ChargeSource=free)} */
    private static String metric(JsonNode node) {
        JsonNode aws = node.path("_aws");
        StringBuilder out = new StringBuilder();
        String time = aws.path("Timestamp").canConvertToLong()
                ? TIME.format(Instant.ofEpochMilli(aws.path("Timestamp").asLong())) : "--:--:--.---";
        out.append(time).append(" METRIC ").append(node.path("functionName").asText("-"));
        JsonNode directive = aws.path("CloudWatchMetrics").path(0);
        directive.path("Metrics").forEach(metric -> out.append(' ').append(metric.path("Name").asText()).append('=')
                .append(node.path(metric.path("Name").asText()).asText()).append(' ')
                .append(metric.path("Unit").asText("None")));
        StringBuilder dimensions = new StringBuilder();
        directive.path("Dimensions").path(0).forEach(name -> dimensions.append(dimensions.length() == 0 ? "" : ", ")
                .append(name.asText()).append('=').append(node.path(name.asText()).asText()));
        if (dimensions.length() > 0) {
            out.append(" (").append(dimensions).append(')');
        }
        ids(node, out);
        return out.toString();
    }

    private static void ids(JsonNode node, StringBuilder out) {
        if (node.hasNonNull("correlationId")) {
            out.append(" [").append(node.get("correlationId").asText()).append(']');
        }
    }

    private static String time(String timestamp) {
        try {
            return TIME.format(Instant.parse(timestamp));
        } catch (RuntimeException e) {
            return "--:--:--.---";
        }
    }

    private static String value(JsonNode value) {
        if (value.isTextual()) {
            String text = value.asText();
            return text.isEmpty() || text.chars().anyMatch(c -> c == ' ' || c == '"' || c == '=')
                    ? Json.write(text) : text;
        }
        return value.toString();
    }

    /** Collects bytes into lines and writes each one readable. */
    private static final class LineSplitter extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineSplitter(PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flushLine();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public synchronized void flush() {
            target.flush();
        }

        private void flushLine() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            target.println(readable(text));
        }
    }
}
