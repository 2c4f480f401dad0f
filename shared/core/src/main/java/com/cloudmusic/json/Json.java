package com.cloudmusic.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON for the whole product: bodies and log lines are written and request bodies read with Jackson's
 * streaming core, and the data-binding mapper ({@link #mapper()}: some 400 classes and the largest single
 * step of a function's first event after the SDK clients) is built only where binding is really needed.
 * What {@link #write} produces is what the mapper would (JsonTest compares them): nulls left out of maps
 * and records, records in component order, enums by name, an {@link Instant} as its ISO text (how the
 * views annotate theirs); anything else it hands to the mapper.
 */
public final class Json {

    /** Hostile bodies: a deep nesting bomb is refused by the parser long before it costs anything. */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxStringLength(64 * 1024)
                    .maxNumberLength(40)
                    .build())
            .build();

    private Json() {
    }

    /** The one configured data-binding mapper, built on first use: nulls left out, strict on duplicates. */
    public static ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    private static final class Mapper {
        static final ObjectMapper INSTANCE = JsonMapper.builder(FACTORY)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            writeValue(generator, value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
        return out.toString();
    }

    private static void writeValue(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof Boolean flag) {
            out.writeBoolean(flag);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double number) {
            out.writeNumber(number);
        } else if (value instanceof Float number) {
            out.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            out.writeNumber(number);
        } else if (value instanceof BigInteger number) {
            out.writeNumber(number);
        } else if (value instanceof Enum<?> constant) {
            out.writeString(constant.name());
        } else if (value instanceof Instant instant) {
            out.writeString(instant.toString());
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getValue() != null) {
                    out.writeFieldName(String.valueOf(entry.getKey()));
                    writeValue(out, entry.getValue());
                }
            }
            out.writeEndObject();
        } else if (value instanceof Iterable<?> items && !(value instanceof JsonNode)) {
            out.writeStartArray();
            for (Object item : items) {
                writeValue(out, item);
            }
            out.writeEndArray();
        } else if (value instanceof Record record && RECORDS.get(record.getClass()).isPresent()) {
            out.writeStartObject();
            for (Component component : RECORDS.get(record.getClass()).get()) {
                Object field = component.read(record);
                if (field != null) {
                    out.writeFieldName(component.name());
                    writeValue(out, component.asText() ? field.toString() : field);
                }
            }
            out.writeEndObject();
        } else {
            // Anything else (a tree, an array, a bean, a record with other Jackson annotations): the mapper.
            out.writeRawValue(mapper().writeValueAsString(value));
        }
    }

    /** A record's components as the mapper writes them, or empty when its Jackson annotations ask for more. */
    private static final ClassValue<Optional<List<Component>>> RECORDS = new ClassValue<>() {
        @Override
        protected Optional<List<Component>> computeValue(Class<?> type) {
            List<Component> components = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                Method accessor = component.getAccessor();
                boolean asText = false;
                for (Annotation annotation : accessor.getAnnotations()) {
                    if (annotation instanceof JsonSerialize serialize && serialize.using() == ToStringSerializer.class) {
                        asText = true;
                    } else if (annotation.annotationType().getPackageName().startsWith("com.fasterxml.jackson")) {
                        return Optional.empty();
                    }
                }
                if (!accessor.trySetAccessible()) {
                    return Optional.empty();
                }
                components.add(new Component(component.getName(), accessor, asText));
            }
            return Optional.of(List.copyOf(components));
        }
    };

    private record Component(String name, Method accessor, boolean asText) {
        Object read(Record record) {
            try {
                return accessor.invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + name, e);
            }
        }
    }

    /**
     * Reads one value into a tree, refusing a field named twice in one object, from where the parser
     * stands (null at the end of the input). The caller decides what may follow.
     */
    public static JsonNode readTree(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        return token == null ? null : node(parser, token, JsonNodeFactory.instance);
    }

    /** One JSON value read into a tree, or empty when the text is not JSON. Content after the value is ignored. */
    public static Optional<JsonNode> readTree(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return Optional.ofNullable(readTree(parser));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static JsonNode node(JsonParser parser, JsonToken token, JsonNodeFactory nodes) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String name = parser.currentName();
                    JsonNode value = node(parser, parser.nextToken(), nodes);
                    if (object.putIfAbsent(name, value) != null) {
                        throw new JsonParseException(parser, "duplicate field '" + name + "'");
                    }
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(node(parser, next, nodes));
                }
                return array;
            }
            case VALUE_STRING -> {
                return nodes.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return nodes.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return nodes.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> throw new JsonParseException(parser, "unexpected " + token);
        }
    }

    /** A tree as plain Java values: maps (in order), lists, strings, numbers, booleans and nulls. */
    public static Object plain(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                map.put(field.getKey(), plain(field.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(plain(item)));
            return list;
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }
}
