package com.cloudmusic.publish.channel;

import com.cloudmusic.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** Reads a channel API's answer: a JSON object, or nothing (an error page, a cut body). */
final class ChannelJson {

    private ChannelJson() {
    }

    static JsonNode object(String body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
