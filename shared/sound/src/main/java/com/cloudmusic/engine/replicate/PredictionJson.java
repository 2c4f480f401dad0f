package com.cloudmusic.engine.replicate;

import com.cloudmusic.loop.EngineException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads Replicate's JSON: predictions, and the {@code detail} of an error answer. */
final class PredictionJson {

    private static final int MAX_ERROR_TEXT = 300;
    /** Our own reader: sync-mode answers carry whole files as data URIs, far beyond Jackson's default string limit. */
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build()).build();

    private PredictionJson() {
    }

    static Prediction parse(String text) throws EngineException {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw malformed("its answer is not JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw malformed("its answer is not a JSON object", null);
        }
        JsonNode id = node.get("id");
        JsonNode status = node.get("status");
        if (id == null || !id.isTextual() || id.asText().isBlank() || status == null || !status.isTextual()) {
            throw malformed("the prediction has no id or status", null);
        }
        List<String> outputs = new ArrayList<>();
        JsonNode output = node.get("output");
        if (output != null && output.isTextual()) {
            outputs.add(output.asText());
        } else if (output != null && output.isArray()) {
            for (JsonNode item : output) {
                if (item.isTextual()) {
                    outputs.add(item.asText());
                }
            }
        } else if (output != null && output.isObject()) {
            // Some models name their files: take every string value in order.
            output.fields().forEachRemaining(field -> {
                if (field.getValue().isTextual()) {
                    outputs.add(field.getValue().asText());
                }
            });
        }
        JsonNode error = node.get("error");
        String errorText = error == null || error.isNull() ? null : trim(error.isTextual() ? error.asText() : error.toString());
        return new Prediction(id.asText(), status.asText().toLowerCase(Locale.ROOT), outputs, errorText);
    }

    /** The {@code detail} field of an error answer, cut to a loggable length. */
    static Optional<String> detail(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            JsonNode detail = node == null ? null : node.get("detail");
            return detail == null || !detail.isTextual() ? Optional.empty() : Optional.of(trim(detail.asText()));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static EngineException malformed(String why, Exception cause) {
        return new EngineException("engine_bad_response", "Replicate's answer could not be understood: " + why + ".",
                false, cause);
    }

    private static String trim(String text) {
        String single = text.replaceAll("\\s+", " ").trim();
        return single.length() <= MAX_ERROR_TEXT ? single : single.substring(0, MAX_ERROR_TEXT) + "…";
    }
}
