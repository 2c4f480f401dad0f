package com.cloudmusic.json;

import com.cloudmusic.errors.DomainException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The one reader for request bodies (issue 16 item 5): exactly one JSON value, well-formed UTF-8 (no
 * overlong or surrogate encodings), no escaped lone surrogates, nothing after the value. Jackson on its
 * own accepts {@code {} xyz} (it stops after the first value) and lets {@code "\ud800"} through. Anything else is
 * an {@code invalid_request}, before a rule of the API looks at the body, so nothing is charged for it.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /** The bytes as text, refusing anything that is not well-formed UTF-8 (a lossy decode would change the body). */
    public static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw DomainException.invalid("The body is not valid UTF-8.", null);
        }
    }

    public static JsonNode read(byte[] body) {
        return read(utf8(body));
    }

    /** One JSON value and nothing else; an empty body is not JSON. */
    public static JsonNode read(String body) {
        JsonNode root;
        try (JsonParser parser = Json.FACTORY.createParser(body == null ? "" : body)) {
            root = Json.readTree(parser);
            if (root != null && hasMore(parser)) {
                throw DomainException.invalid("The body is not valid JSON: there is content after the value.", null);
            }
        } catch (IOException e) {
            throw DomainException.invalid("The body is not valid JSON.", null);
        }
        if (root == null) {
            throw DomainException.invalid("The body is empty; send a JSON object.", null);
        }
        rejectLoneSurrogates(root, "");
        return root;
    }

    // Jackson stops after the first value: whatever follows it, parsable or not, is trailing content.
    private static boolean hasMore(JsonParser parser) {
        try {
            return parser.nextToken() != null;
        } catch (IOException e) {
            return true;
        }
    }

    /** {@link #read(String)}, and the value must be an object. */
    public static JsonNode readObject(String body, String example) {
        JsonNode root = read(body);
        if (!root.isObject()) {
            throw DomainException.invalid("The body must be a JSON object such as " + example + ".", null);
        }
        return root;
    }

    private static void rejectLoneSurrogates(JsonNode node, String path) {
        if (node.isTextual()) {
            if (hasLoneSurrogate(node.asText())) {
                throw DomainException.invalid("The text holds an unpaired UTF-16 surrogate (\\ud800 to \\udfff alone).",
                        path.isEmpty() ? null : path);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (hasLoneSurrogate(field.getKey())) {
                    throw DomainException.invalid("A field name holds an unpaired UTF-16 surrogate.", null);
                }
                rejectLoneSurrogates(field.getValue(), child);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rejectLoneSurrogates(node.get(i), path + "[" + i + "]");
            }
        }
    }

    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return true;
            }
            if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
