package com.cloudmusic.request;

import com.cloudmusic.errors.DomainException;
import com.cloudmusic.json.StrictJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;

/** Reads {@code POST /v1/checkout}'s body, {@code {"pack": "credits-40"}}, rejecting anything else by name. */
final class CheckoutBody {

    private CheckoutBody() {
    }

    static String pack(String body) {
        JsonNode root = StrictJson.readObject(body, "{\"pack\": \"credits-40\"}");
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
