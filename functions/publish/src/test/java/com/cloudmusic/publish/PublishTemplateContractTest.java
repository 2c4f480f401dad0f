package com.cloudmusic.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.testkit.HandlerContract;
import com.cloudmusic.emulators.SamTemplate;
import com.cloudmusic.config.Env;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** template.yaml fires the publish handler from a daily EventBridge schedule. */
class PublishTemplateContractTest {

    private final SamTemplate template = SamTemplate.load();

    @Test
    void handlerNamedInTheTemplate_exists_andTakesTheScheduledEventAsJson() throws Exception {
        Class<?> type = HandlerContract.handlerClass((String) template.properties("PublishFunction").get("Handler"));

        assertThat(type).isEqualTo(PublishFunction.class);
        // The EventBridge event arrives as its JSON object (no Joda-Time in the jar for ScheduledEvent).
        assertThat(HandlerContract.eventTypes(type).get(0).getTypeName()).isEqualTo("java.util.Map<java.lang.String, java.lang.Object>");
    }

    @Test
    void everyVariableTheFunctionReads_isSetByTheTemplate() {
        Env env = new Env(Map.of("TABLE_NAME", "table", "BUCKET_NAME", "bucket", "AWS_REGION", "us-east-1",
                "MUSIC_ENGINE", "replicate", "REPLICATE_API_TOKEN", "r8_placeholder_for_this_test",
                "ENGINE_FALLBACK", "procedural"));

        PublishWiring.from(env, java.time.Clock.systemUTC(), new com.cloudmusic.log.JsonLog(line -> { }),
                com.cloudmusic.outbound.Sleeper.system());

        Set<String> read = new HashSet<>(env.namesRead());
        read.removeIf(name -> name.startsWith("AWS_"));
        assertThat(template.environmentNames("PublishFunction")).containsAll(read);
    }

    @Test
    void scheduleDefaultsToDailyAtTenUtc() {
        Map<String, Map<String, Object>> schedules = template.events("PublishFunction", "Schedule");

        assertThat(schedules).hasSize(1);
        Object expression = template.resolve(schedules.values().iterator().next().get("Schedule"));
        assertThat(expression).isEqualTo("cron(0 10 * * ? *)");
    }
}
