package com.cloudmusic.tracks;

import com.cloudmusic.errors.DomainException;
import com.cloudmusic.json.Json;
import com.cloudmusic.json.StrictJson;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.MusicalKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a generation request body strictly: unknown fields, wrong types and out-of-range values are
 * rejected with {@code invalid_request} naming the JSON path, before anything is charged.
 */
public final class GenerationRequestParser {

    public static final int MIN_BPM = 70;
    public static final int MAX_BPM = 180;
    public static final double MIN_DURATION = 2;
    public static final double MAX_DURATION = 30;
    public static final int MIN_PROMPT = 4;
    public static final int MAX_PROMPT = 500;

    private static final Set<String> TOP_FIELDS = Set.of("mode", "params", "prompt", "share");
    private static final Set<String> GUIDED_PARAMS = Set.of(
            "type", "bpm", "intensity", "duration", "dark", "ambient", "energetic", "key", "seed");
    /** A kit is every type at once and is never shared to the channels. */
    private static final Set<String> KIT_TOP_FIELDS = Set.of("mode", "params", "prompt");
    private static final Set<String> KIT_GUIDED_PARAMS = Set.of(
            "bpm", "intensity", "duration", "dark", "ambient", "energetic", "key", "seed");
    private static final Set<String> ADVANCED_PARAMS = Set.of("duration", "seed", "bpm", "key");

    private GenerationRequestParser() {
    }

    public static GenerationRequest parse(String body) {
        return parse(body, false);
    }

    /**
     * A {@code POST /v1/kits} body: the same fields and checks as a track's, without {@code params.type}
     * (a kit has every type) and without {@code share}; the request's type is null.
     */
    public static GenerationRequest parseKit(String body) {
        return parse(body, true);
    }

    private static GenerationRequest parse(String body, boolean kit) {
        JsonNode root = StrictJson.read(body);
        if (!root.isObject()) {
            throw DomainException.invalid("The body must be a JSON object.", null);
        }
        rejectUnknown(root, kit ? KIT_TOP_FIELDS : TOP_FIELDS, "");

        JsonNode modeNode = root.get("mode");
        if (modeNode == null || modeNode.isNull()) {
            throw DomainException.invalid("mode is required: \"guided\" or \"advanced\".", "mode");
        }
        if (!modeNode.isTextual()) {
            throw DomainException.invalid("mode must be a string: \"guided\" or \"advanced\".", "mode");
        }
        Mode mode = Mode.fromWireName(modeNode.asText())
                .orElseThrow(() -> DomainException.invalid("mode must be \"guided\" or \"advanced\".", "mode"));

        JsonNode params = root.get("params");
        if (params != null && !params.isNull() && !params.isObject()) {
            throw DomainException.invalid("params must be an object.", "params");
        }
        if (params == null || params.isNull()) {
            params = JsonNodeFactory.instance.objectNode();
        }
        rejectUnknown(params, mode == Mode.ADVANCED ? ADVANCED_PARAMS : kit ? KIT_GUIDED_PARAMS : GUIDED_PARAMS, "params.");

        boolean share = bool(root, "share", "share", false);
        String prompt = null;
        JsonNode promptNode = root.get("prompt");
        if (mode == Mode.ADVANCED) {
            if (promptNode == null || promptNode.isNull()) {
                throw DomainException.invalid("prompt is required in advanced mode.", "prompt");
            }
            if (!promptNode.isTextual()) {
                throw DomainException.invalid("prompt must be a string.", "prompt");
            }
            prompt = promptNode.asText().strip();
            int length = prompt.codePointCount(0, prompt.length());
            if (length < MIN_PROMPT || length > MAX_PROMPT) {
                throw DomainException.invalid("prompt must be " + MIN_PROMPT + " to " + MAX_PROMPT
                        + " characters after trimming (got " + length + ").", "prompt");
            }
            if (prompt.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
                throw DomainException.invalid("prompt must not contain control characters.", "prompt");
            }
        } else if (promptNode != null && !promptNode.isNull()) {
            throw DomainException.invalid("prompt is only used in advanced mode.", "prompt");
        }

        LoopType type = null;
        JsonNode typeNode = params.get("type");
        if (mode == Mode.GUIDED && !kit) {
            if (typeNode == null || typeNode.isNull()) {
                throw DomainException.invalid("params.type is required: kick, bass, texture or riser.", "params.type");
            }
            if (!typeNode.isTextual()) {
                throw DomainException.invalid("params.type must be a string.", "params.type");
            }
            type = LoopType.fromWireName(typeNode.asText()).orElseThrow(() -> DomainException.invalid(
                    "params.type must be one of kick, bass, texture, riser.", "params.type"));
        }
        Integer bpm = integer(params, "bpm", MIN_BPM, MAX_BPM);
        Integer intensity = integer(params, "intensity", 1, 5);
        Double duration = number(params, "duration", MIN_DURATION, MAX_DURATION);
        Boolean dark = optionalBool(params, "dark");
        Boolean ambient = optionalBool(params, "ambient");
        Boolean energetic = optionalBool(params, "energetic");
        String key = key(params);
        Long seed = seed(params);

        return new GenerationRequest(mode, type, bpm, intensity, duration, dark, ambient, energetic, key, seed,
                prompt, share, toMap(params));
    }

    private static void rejectUnknown(JsonNode object, Set<String> allowed, String prefix) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
                throw DomainException.invalid("Unknown field '" + prefix + shown + "'.", prefix + shown);
            }
        }
    }

    private static Integer integer(JsonNode params, String name, int min, int max) {
        JsonNode node = params.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        String field = "params." + name;
        if (!node.isNumber() || !(node.isIntegralNumber() || node.asDouble() == Math.rint(node.asDouble()))) {
            throw DomainException.invalid(field + " must be a whole number from " + min + " to " + max + ".", field);
        }
        double value = node.asDouble();
        if (value < min || value > max) {
            throw DomainException.invalid(field + " must be from " + min + " to " + max + ".", field);
        }
        return (int) value;
    }

    private static Double number(JsonNode params, String name, double min, double max) {
        JsonNode node = params.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        String field = "params." + name;
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw DomainException.invalid(field + " must be a number of seconds.", field);
        }
        double value = node.asDouble();
        if (value < min || value > max) {
            throw DomainException.invalid(field + " must be from " + (int) min + " to " + (int) max + " seconds.", field);
        }
        return value;
    }

    private static Boolean optionalBool(JsonNode params, String name) {
        JsonNode node = params.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw DomainException.invalid("params." + name + " must be true or false.", "params." + name);
        }
        return node.asBoolean();
    }

    private static boolean bool(JsonNode object, String name, String field, boolean fallback) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw DomainException.invalid(field + " must be true or false.", field);
        }
        return node.asBoolean();
    }

    private static String key(JsonNode params) {
        JsonNode node = params.get("key");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw DomainException.invalid("params.key must be a string such as \"F#m\" or \"C\".", "params.key");
        }
        return MusicalKey.tryParse(node.asText())
                .map(MusicalKey::canonical)
                .orElseThrow(() -> DomainException.invalid(
                        "params.key must be a key such as \"F#m\", \"Bb\" or \"C\".", "params.key"));
    }

    private static Long seed(JsonNode params) {
        JsonNode node = params.get("seed");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw DomainException.invalid("params.seed must be a whole number (a 64-bit integer).", "params.seed");
        }
        return node.asLong();
    }

    private static Map<String, Object> toMap(JsonNode params) {
        Map<String, Object> map = new LinkedHashMap<>();
        params.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) {
                map.put(e.getKey(), Json.plain(e.getValue()));
            }
        });
        if (map.containsKey("key")) {
            map.put("key", key(params));
        }
        return map;
    }
}
