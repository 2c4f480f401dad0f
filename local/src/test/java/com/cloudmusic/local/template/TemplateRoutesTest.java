package com.cloudmusic.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.request.RequestFunction;
import com.cloudmusic.stripe.StripeWebhookFunction;
import com.cloudmusic.emulators.SamTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every HttpApi event of template.yaml is a route in the route table of the function the template sends
 * it to, and every route a function declares is deployed: the two lists cannot drift apart.
 */
class TemplateRoutesTest {

    private static final Map<String, List<String>> ROUTE_TABLES = Map.of(
            "RequestFunction", RequestFunction.ROUTES.keys(),
            "StripeWebhookFunction", StripeWebhookFunction.ROUTES.keys());

    @Test
    void templateHttpApiEvents_matchTheRouteTablesOfTheirFunctions() {
        SamTemplate template = SamTemplate.load();
        Map<String, List<String>> deployed = new LinkedHashMap<>();
        for (String function : template.functions()) {
            if (!template.routes(function).isEmpty()) {
                deployed.put(function, List.copyOf(template.routes(function)));
            }
        }

        assertThat(deployed.keySet()).containsExactlyInAnyOrderElementsOf(ROUTE_TABLES.keySet());
        ROUTE_TABLES.forEach((function, table) ->
                assertThat(deployed.get(function)).as(function).containsExactlyInAnyOrderElementsOf(table));
    }
}
