package com.cloudmusic.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.emulators.SamTemplate;
import com.cloudmusic.json.Json;
import com.cloudmusic.testkit.OpenApiContract;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** openapi.yaml describes exactly the HTTP API that template.yaml deploys, with the events' bodies as examples. */
class OpenApiDocumentTest {

    private final OpenApiContract contract = OpenApiContract.get();

    @Test
    void document_hasEveryHttpApiRouteOfTheTemplate_andNoOther() {
        SamTemplate template = SamTemplate.load();
        Set<String> deployed = new TreeSet<>();
        for (String function : template.functions()) {
            deployed.addAll(template.routes(function));
        }

        // A route added to template.yaml without openapi.yaml (or the reverse) fails here, naming it.
        assertThat(new TreeSet<>(contract.routes()))
                .as("openapi.yaml paths vs template.yaml HttpApi events: add the new route to both")
                .isEqualTo(deployed);
    }

    @Test
    void document_isOpenApi31() {
        assertThat(contract.document().path("openapi").asText()).isEqualTo("3.1.0");
    }

    @Test
    void requestExamples_areTheBodiesOfTheSampleEvents() throws Exception {
        JsonNode paths = contract.document().path("paths");

        assertThat(examplesOf(paths.at("/~1v1~1tracks/post"), "guided")).isEqualTo(eventBody("http-post-track-guided.json"));
        assertThat(examplesOf(paths.at("/~1v1~1tracks/post"), "advanced")).isEqualTo(eventBody("http-post-track-advanced.json"));
        assertThat(examplesOf(paths.at("/~1v1~1kits/post"), "guided")).isEqualTo(eventBody("http-post-kit-guided.json"));
        assertThat(examplesOf(paths.at("/~1v1~1stripe~1webhook/post"), "checkoutCompleted"))
                .isEqualTo(eventBody("http-stripe-webhook.json"));
    }

    private static JsonNode examplesOf(JsonNode operation, String name) {
        return operation.at("/requestBody/content/application~1json/examples/" + name + "/value");
    }

    private static JsonNode eventBody(String file) throws Exception {
        JsonNode event = Json.mapper().readTree(Files.readString(Path.of("../../events", file)));
        return Json.mapper().readTree(event.get("body").asText());
    }
}
