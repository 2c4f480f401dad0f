package com.cloudmusic.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.cloudmusic.aws.TableLayout;
import com.cloudmusic.config.ConfigException;
import com.cloudmusic.config.Env;
import com.cloudmusic.testkit.HandlerContract;
import com.cloudmusic.emulators.SamTemplate;
import com.cloudmusic.tracks.GenerationService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** template.yaml and the generate side agree: handler, queue wiring, redrive, table shape, environment. */
class GenerateTemplateTest {

    private final SamTemplate template = SamTemplate.load();

    @Test
    void handlerNamedInTheTemplate_takesSqsBatches() throws Exception {
        Class<?> type = HandlerContract.handlerClass((String) template.properties("GenerateFunction").get("Handler"));

        assertThat(type).isEqualTo(GenerateFunction.class);
        assertThat(HandlerContract.eventTypes(type)).containsExactly(SQSEvent.class, SQSBatchResponse.class);
    }

    @Test
    void bothQueues_feedTheFunction_withPartialBatchFailures() {
        Map<String, Map<String, Object>> events = template.events("GenerateFunction", "SQS");

        assertThat(events.values()).extracting(p -> SamTemplate.map(p.get("Queue")).get("Fn::GetAtt"))
                .containsExactlyInAnyOrder("JobsQueue.Arn", "JobsDeadLetterQueue.Arn");
        assertThat(events.values()).allSatisfy(p ->
                assertThat(SamTemplate.list(p.get("FunctionResponseTypes"))).containsExactly("ReportBatchItemFailures"));
    }

    @Test
    void visibilityTimeout_isAtLeastSixTimesTheFunctionTimeout() {
        int timeout = ((Number) template.functionProperty("GenerateFunction", "Timeout").orElseThrow()).intValue();
        int visibility = ((Number) template.properties("JobsQueue").get("VisibilityTimeout")).intValue();

        assertThat(visibility).isGreaterThanOrEqualTo(6 * timeout);
    }

    @Test
    void redrive_happensAfterAsManyReceivesAsTheServiceTries() {
        Map<String, Object> redrive = SamTemplate.map(template.properties("JobsQueue").get("RedrivePolicy"));

        assertThat(((Number) redrive.get("maxReceiveCount")).intValue()).isEqualTo(GenerationService.MAX_RECEIVES);
        assertThat(SamTemplate.map(redrive.get("deadLetterTargetArn")).get("Fn::GetAtt")).isEqualTo("JobsDeadLetterQueue.Arn");
    }

    @Test
    void table_hasTheKeysIndexesAndTtlTheAdaptersUse() {
        Map<String, Object> table = template.properties("Table");

        assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        assertThat(SamTemplate.map(table.get("TimeToLiveSpecification")).get("AttributeName"))
                .isEqualTo(TableLayout.TTL_ATTRIBUTE);
        assertThat(keys(table.get("KeySchema"))).isEqualTo(List.of(TableLayout.PK + ":HASH", TableLayout.SK + ":RANGE"));
        Map<String, List<String>> indexes = SamTemplate.list(table.get("GlobalSecondaryIndexes")).stream()
                .map(SamTemplate::map)
                .collect(Collectors.toMap(i -> (String) i.get("IndexName"), i -> keys(i.get("KeySchema"))));
        Map<String, List<String>> expected = TableLayout.INDEXES.stream().collect(Collectors.toMap(
                TableLayout.Index::name, i -> List.of(i.partitionKey() + ":HASH", i.sortKey() + ":RANGE")));
        assertThat(indexes).isEqualTo(expected);
    }

    @Test
    void everyVariableTheFunctionReads_isSetByTheTemplate() {
        Env env = new Env(environment());

        GenerateWiring.from(env);

        Set<String> read = new HashSet<>(env.namesRead());
        read.removeIf(name -> name.startsWith("AWS_"));
        assertThat(template.environmentNames("GenerateFunction")).containsAll(read);
    }

    @Test
    void everyVariableTheReplicateEngineReads_isSetByTheTemplate() {
        Map<String, String> values = environment();
        values.put("MUSIC_ENGINE", "replicate");
        values.put("REPLICATE_API_TOKEN", "r8_placeholder_for_this_test");
        values.put("ENGINE_FALLBACK", "procedural");
        Env env = new Env(values);

        GenerateWiring.from(env);

        Set<String> read = new HashSet<>(env.namesRead());
        read.removeIf(name -> name.startsWith("AWS_"));
        assertThat(template.environmentNames("GenerateFunction")).containsAll(read);
    }

    @Test
    void missingTable_failsAtStart_namingIt() {
        Map<String, String> env = environment();
        env.remove("TABLE_NAME");

        assertThatThrownBy(() -> GenerateWiring.from(new Env(env)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TABLE_NAME");
    }

    @Test
    void unknownEngine_failsAtStart_namingTheVariable() {
        Map<String, String> env = environment();
        env.put("MUSIC_ENGINE", "gramophone");

        assertThatThrownBy(() -> GenerateWiring.from(new Env(env)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("MUSIC_ENGINE");
    }

    private static List<String> keys(Object schema) {
        return SamTemplate.list(schema).stream().map(SamTemplate::map)
                .map(k -> k.get("AttributeName") + ":" + k.get("KeyType")).toList();
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("TABLE_NAME", "table");
        env.put("BUCKET_NAME", "bucket");
        env.put("DEAD_LETTER_QUEUE_ARN", "arn:aws:sqs:us-east-1:123456789012:dlq");
        env.put("AWS_REGION", "us-east-1");
        return env;
    }
}
