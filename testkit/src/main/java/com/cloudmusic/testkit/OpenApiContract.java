package com.cloudmusic.testkit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.yaml.snakeyaml.Yaml;

/**
 * The top-level openapi.yaml as a test oracle: {@link #verify} checks one answer of the API against the
 * document (the route and method exist, the status is documented, the content type is one the response
 * declares, required headers are there, and a JSON body validates against its schema as JSON Schema
 * 2020-12, the dialect of OpenAPI 3.1). Handler fixtures and the local runner's client call it for every
 * answer they receive, so an undocumented field, status or route fails a test.
 */
public final class OpenApiContract {

    /** Where the document is served from, for resolving its internal {@code $ref}s. */
    private static final String BASE = "https://cloudmusic.local/openapi.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final OpenApiContract INSTANCE = load(find());

    private final JsonNode document;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(JsonNode document) {
        this.document = document;
        String json = document.toString();
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(BASE, json))));
    }

    public static OpenApiContract get() {
        return INSTANCE;
    }

    public JsonNode document() {
        return document;
    }

    /** Every operation of the document as "METHOD /path", greedy parameters written as template.yaml does ({x+}). */
    public Set<String> routes() {
        Set<String> routes = new LinkedHashSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
                routes.add(method.toUpperCase(Locale.ROOT) + " " + samPath(path.getKey(), path.getValue()));
            }
        }));
        return routes;
    }

    /** Checks an API Gateway answer to an API Gateway event. */
    public void verify(APIGatewayV2HTTPEvent event, APIGatewayV2HTTPResponse response) {
        String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                ? event.getRequestContext().getHttp().getMethod() : null;
        String path = event.getRawPath();
        String body = response.getBody();
        if (response.getIsBase64Encoded() && body != null) {
            body = null; // binary: only the status and content type are checked
        }
        verify(method, path, response.getStatusCode(), response.getHeaders() == null ? Map.of() : response.getHeaders(),
                body);
    }

    /**
     * Checks one answer.
     *
     * @param headers response headers (names in any case)
     * @param body    the body as text, or null when it is binary or absent
     */
    public void verify(String method, String path, int status, Map<String, String> headers, String body) {
        String where = method + " " + path + " → " + status;
        Optional<Match> found = match(path);
        JsonNode operation = found.map(m -> m.item().get(method.toLowerCase(Locale.ROOT))).orElse(null);
        if (operation == null) {
            if (status == 404) {
                return; // no such route: API Gateway's own 404, not an answer of an operation
            }
            throw new AssertionError(where + ": openapi.yaml has no " + method + " operation for " + path);
        }
        Match match = found.get();
        String responsesPointer = "/paths/" + escape(match.template()) + "/" + method.toLowerCase(Locale.ROOT) + "/responses";
        String code = Integer.toString(status);
        JsonNode responses = operation.path("responses");
        if (!responses.has(code)) {
            code = responses.has(code.charAt(0) + "XX") ? code.charAt(0) + "XX" : "default";
        }
        if (!responses.has(code)) {
            throw new AssertionError(where + ": status " + status + " is not documented for " + method + " "
                    + match.template() + " in openapi.yaml");
        }
        String responsePointer = responsesPointer + "/" + escape(code);
        JsonNode declared = responses.get(code);
        if (declared.has("$ref")) {
            responsePointer = declared.get("$ref").asText().substring(1);
            declared = resolve(declared);
        }
        Map<String, String> lower = new java.util.HashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        Iterator<Map.Entry<String, JsonNode>> declaredHeaders = declared.path("headers").fields();
        while (declaredHeaders.hasNext()) {
            Map.Entry<String, JsonNode> header = declaredHeaders.next();
            if (resolve(header.getValue()).path("required").asBoolean(false)
                    && !lower.containsKey(header.getKey().toLowerCase(Locale.ROOT))) {
                throw new AssertionError(where + ": the required header " + header.getKey() + " is missing");
            }
        }
        JsonNode content = declared.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return;
        }
        String type = Optional.ofNullable(lower.get("content-type")).map(t -> t.split(";")[0].trim().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new AssertionError(where + ": no content-type, openapi.yaml declares " + names(content)));
        if (!content.has(type)) {
            throw new AssertionError(where + ": content-type " + type + " is not one of " + names(content));
        }
        if (!type.equals("application/json") || body == null) {
            return;
        }
        JsonNode instance;
        try {
            instance = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(where + ": the body is not JSON: " + body);
        }
        String schemaPointer = responsePointer + "/content/" + escape(type) + "/schema";
        JsonSchema schema = schemas.computeIfAbsent(schemaPointer,
                pointer -> factory.getSchema(SchemaLocation.of(BASE + "#" + pointer), config));
        Set<ValidationMessage> errors = schema.validate(instance);
        if (!errors.isEmpty()) {
            throw new AssertionError(where + ": the body does not match openapi.yaml (" + schemaPointer + "): "
                    + errors + "\n" + body);
        }
    }

    private record Match(String template, JsonNode item) {
    }

    /** The document's path for a concrete one: literal paths first, then the template with most literal segments. */
    private Optional<Match> match(String path) {
        String[] actual = path.split("/", -1);
        Match best = null;
        int bestLiterals = -1;
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> entry = paths.next();
            String[] template = entry.getKey().split("/", -1);
            boolean greedy = greedyParameters(entry.getValue()).size() > 0;
            int literals = matches(template, actual, greedy);
            if (literals > bestLiterals) {
                best = new Match(entry.getKey(), entry.getValue());
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Literal segments matched, or -1; a greedy last parameter takes the rest of the path. */
    private static int matches(String[] template, String[] actual, boolean greedy) {
        if (template.length != actual.length && !(greedy && actual.length > template.length)) {
            return -1;
        }
        int literals = 0;
        for (int i = 0; i < template.length; i++) {
            boolean parameter = template[i].startsWith("{") && template[i].endsWith("}");
            if (parameter) {
                if (actual[i].isEmpty()) {
                    return -1;
                }
            } else if (template[i].equals(actual[i])) {
                literals++;
            } else {
                return -1;
            }
        }
        return literals;
    }

    /** Path parameters marked {@code x-greedy: true}: API Gateway's {@code {name+}}, which OpenAPI cannot write. */
    private List<String> greedyParameters(JsonNode pathItem) {
        List<String> names = new ArrayList<>();
        pathItem.fields().forEachRemaining(operation -> operation.getValue().path("parameters").forEach(p -> {
            JsonNode parameter = resolve(p);
            if ("path".equals(parameter.path("in").asText()) && parameter.path("x-greedy").asBoolean(false)) {
                names.add(parameter.path("name").asText());
            }
        }));
        return names;
    }

    private String samPath(String path, JsonNode pathItem) {
        String sam = path;
        for (String name : greedyParameters(pathItem)) {
            sam = sam.replace("{" + name + "}", "{" + name + "+}");
        }
        return sam;
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            current = document.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    private static String names(JsonNode content) {
        List<String> names = new ArrayList<>();
        content.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    private static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("openapi.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("openapi.yaml not found above " + Path.of("").toAbsolutePath());
    }

    static OpenApiContract load(Path path) {
        try (Reader reader = Files.newBufferedReader(path)) {
            Object tree = new Yaml().load(reader);
            return new OpenApiContract(MAPPER.valueToTree(tree));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
