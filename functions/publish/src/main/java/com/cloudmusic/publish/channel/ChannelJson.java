package com.cloudmusic.publish.channel;

import com.cloudmusic.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

/** Reads a channel API's answer: a JSON object, or nothing (an error page, a cut body). */
final class ChannelJson {

    private ChannelJson() {
    }

    static JsonNode object(String body) {
        return body == null ? null : Json.readTree(body).filter(JsonNode::isObject).orElse(null);
    }
}
