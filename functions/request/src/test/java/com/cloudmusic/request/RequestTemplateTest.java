package com.cloudmusic.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.config.ConfigException;
import com.cloudmusic.config.Env;
import com.cloudmusic.testkit.HandlerContract;
import com.cloudmusic.emulators.SamTemplate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** template.yaml and the request function agree: handler, event types, routes and environment. */
class RequestTemplateTest {

    private final SamTemplate template = SamTemplate.load();

    @Test
    void handlerNamedInTheTemplate_takesHttpApiEvents() throws Exception {
        String handler = (String) template.properties("RequestFunction").get("Handler");

        Class<?> type = HandlerContract.handlerClass(handler);

        assertThat(type).isEqualTo(RequestFunction.class);
        assertThat(HandlerContract.eventTypes(type))
                .containsExactly(APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class);
    }

    @Test
    void templateRoutes_areExactlyTheRoutesTheFunctionServes() {
        assertThat(template.routes("RequestFunction")).containsExactlyInAnyOrderElementsOf(RequestFunction.ROUTES.keys());
    }

    @Test
    void tracksBucket_letsTheWebAppFetchAudioCrossOrigin_forWebAudioLooping() {
        Map<String, Object> cors = SamTemplate.map(template.properties("TracksBucket").get("CorsConfiguration"));
        Map<String, Object> rule = SamTemplate.map(SamTemplate.list(cors.get("CorsRules")).get(0));

        assertThat(SamTemplate.list(rule.get("AllowedMethods"))).containsExactlyInAnyOrder("GET", "HEAD");
        assertThat(SamTemplate.list(rule.get("AllowedOrigins"))).isNotEmpty();
    }

    @Test
    void everyVariableTheFunctionReads_isSetByTheTemplate() {
        Env env = new Env(completeEnvironment());

        RequestWiring.from(env);

        Set<String> read = new HashSet<>(env.namesRead());
        read.removeIf(name -> name.startsWith("AWS_"));
        assertThat(template.environmentNames("RequestFunction")).containsAll(read);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TABLE_NAME", "BUCKET_NAME", "QUEUE_URL", "FINGERPRINT_SECRET"})
    void missingRequiredVariable_failsAtStart_namingIt(String name) {
        Map<String, String> env = completeEnvironment();
        env.remove(name);

        assertThatThrownBy(() -> RequestWiring.from(new Env(env)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(name);
    }

    static Map<String, String> completeEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("TABLE_NAME", "table");
        env.put("BUCKET_NAME", "bucket");
        env.put("QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/jobs");
        env.put("FINGERPRINT_SECRET", "a-secret-of-sufficient-length");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:1");
        return env;
    }
}
