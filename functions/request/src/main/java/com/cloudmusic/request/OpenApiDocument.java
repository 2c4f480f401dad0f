package com.cloudmusic.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The API's OpenAPI 3.1 contract (the top-level openapi.yaml, packaged in the jar), read once, as JSON. */
final class OpenApiDocument {

    static final String RESOURCE = "openapi/openapi.yaml";

    private OpenApiDocument() {
    }

    private static final class Holder {
        // Loaded on the first GET /v1/openapi.json only: no other route pays for the YAML parser.
        static final JsonNode DOCUMENT = load();
    }

    static JsonNode get() {
        return Holder.DOCUMENT;
    }

    private static JsonNode load() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not in the function jar");
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
