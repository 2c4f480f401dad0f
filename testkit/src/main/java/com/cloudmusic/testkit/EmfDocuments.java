package com.cloudmusic.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads log lines the way CloudWatch Logs reads Embedded Metric Format (the published specification):
 * a line is a JSON object whose {@code _aws} member holds a millisecond {@code Timestamp} and
 * {@code CloudWatchMetrics} directives; each directive names a namespace, dimension sets (each key a
 * string member of the root) and metric definitions (each name a number, or an array of numbers, at the
 * root, with a CloudWatch unit). A document that breaks a rule throws, naming it: CloudWatch would drop
 * it silently, so a test must not.
 */
public final class EmfDocuments {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
            "None");

    /** One extracted data point. */
    public record Datum(String namespace, String name, String unit, Map<String, String> dimensions, List<Double> values,
            long timestamp) {

        public double sum() {
            return values.stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private EmfDocuments() {
    }

    /** Whether CloudWatch would treat the line as an EMF document (a JSON object with an {@code _aws} member). */
    public static boolean isEmf(String line) {
        try {
            JsonNode root = MAPPER.readTree(line);
            return root != null && root.isObject() && root.has("_aws");
        } catch (Exception e) {
            return false;
        }
    }

    public static List<Datum> extract(List<String> lines) {
        List<Datum> data = new ArrayList<>();
        for (String line : lines) {
            data.addAll(extract(line));
        }
        return data;
    }

    /** The data points of one document, one per metric and dimension set. */
    public static List<Datum> extract(String line) {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (Exception e) {
            throw invalid(line, "not JSON");
        }
        if (root == null || !root.isObject()) {
            throw invalid(line, "the root is not an object");
        }
        JsonNode aws = root.get("_aws");
        if (aws == null || !aws.isObject()) {
            throw invalid(line, "_aws is missing or not an object");
        }
        JsonNode timestamp = aws.get("Timestamp");
        if (timestamp == null || !timestamp.isIntegralNumber() || timestamp.asLong() < 0) {
            throw invalid(line, "_aws.Timestamp must be milliseconds since the epoch");
        }
        JsonNode directives = aws.get("CloudWatchMetrics");
        if (directives == null || !directives.isArray() || directives.isEmpty()) {
            throw invalid(line, "_aws.CloudWatchMetrics must be a non-empty array");
        }
        List<Datum> data = new ArrayList<>();
        for (JsonNode directive : directives) {
            JsonNode namespace = directive.get("Namespace");
            if (namespace == null || !namespace.isTextual() || namespace.asText().isBlank()
                    || namespace.asText().length() > 1024) {
                throw invalid(line, "Namespace must be a non-empty string");
            }
            JsonNode sets = directive.get("Dimensions");
            if (sets == null || !sets.isArray()) {
                throw invalid(line, "Dimensions must be an array of dimension sets");
            }
            JsonNode metrics = directive.get("Metrics");
            if (metrics == null || !metrics.isArray() || metrics.isEmpty() || metrics.size() > 100) {
                throw invalid(line, "Metrics must hold 1 to 100 metric definitions");
            }
            List<Map<String, String>> dimensionSets = new ArrayList<>();
            for (JsonNode set : sets) {
                if (!set.isArray() || set.size() > 30) {
                    throw invalid(line, "a dimension set must be an array of at most 30 keys");
                }
                Map<String, String> dimensions = new LinkedHashMap<>();
                for (JsonNode key : set) {
                    JsonNode value = key.isTextual() ? root.get(key.asText()) : null;
                    if (value == null || !value.isTextual() || value.asText().isEmpty() || value.asText().length() > 1024) {
                        throw invalid(line, "dimension " + key + " has no non-empty string value at the root");
                    }
                    dimensions.put(key.asText(), value.asText());
                }
                dimensionSets.add(dimensions);
            }
            if (dimensionSets.isEmpty()) {
                dimensionSets.add(Map.of());
            }
            for (JsonNode definition : metrics) {
                JsonNode name = definition.get("Name");
                if (name == null || !name.isTextual() || name.asText().isEmpty() || name.asText().length() > 1024) {
                    throw invalid(line, "a metric definition needs a Name");
                }
                String unit = definition.has("Unit") ? definition.get("Unit").asText() : "None";
                if (!UNITS.contains(unit)) {
                    throw invalid(line, "unit " + unit + " of " + name.asText() + " is not a CloudWatch unit");
                }
                List<Double> values = values(line, name.asText(), root.get(name.asText()));
                for (Map<String, String> dimensions : dimensionSets) {
                    data.add(new Datum(namespace.asText(), name.asText(), unit, dimensions, values, timestamp.asLong()));
                }
            }
        }
        return data;
    }

    private static List<Double> values(String line, String name, JsonNode value) {
        if (value != null && value.isNumber()) {
            return List.of(value.asDouble());
        }
        if (value != null && value.isArray() && !value.isEmpty() && value.size() <= 100) {
            List<Double> values = new ArrayList<>();
            for (JsonNode element : value) {
                if (!element.isNumber()) {
                    throw invalid(line, "metric " + name + " has a non-numeric value");
                }
                values.add(element.asDouble());
            }
            return values;
        }
        throw invalid(line, "metric " + name + " has no numeric value at the root");
    }

    private static IllegalArgumentException invalid(String line, String reason) {
        return new IllegalArgumentException("not a valid EMF document (" + reason + "): " + line);
    }
}
