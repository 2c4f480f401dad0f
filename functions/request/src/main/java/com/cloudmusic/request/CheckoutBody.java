package com.cloudmusic.request;

import com.cloudmusic.errors.DomainException;
import com.cloudmusic.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;

/** Reads {@code POST /v1/checkout}'s body, {@code {"pack": "credits-40"}}, rejecting anything else by name. */
final class CheckoutBody {

    private CheckoutBody() {
    }

    static String pack(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw DomainException.invalid("The body is not valid JSON.", null);
        }
        if (root == null || !root.isObject()) {
            throw DomainException.invalid("The body must be a JSON object such as {\"pack\": \"credits-40\"}.", null);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("pack")) {
                throw DomainException.invalid("Unknown field '" + name + "'.", name);
            }
        }
        JsonNode pack = root.get("pack");
        if (pack == null || !pack.isTextual() || pack.asText().isBlank()) {
            throw DomainException.invalid("pack is required: the id of a pack from GET /v1/packs.", "pack");
        }
        return pack.asText();
    }
}
