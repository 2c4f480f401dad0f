package com.cloudmusic.local;

import com.cloudmusic.aws.SqsJobQueue;
import com.cloudmusic.aws.TableLayout;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ElasticMQ keeps its queues in memory, so messages of jobs still queued or generating when the runner
 * stopped are gone at the next start while the jobs themselves persist in DynamoDB. Sending each such
 * job to the queue again resumes it; generation is idempotent, so a job that had in fact finished is
 * left as it is.
 */
final class JobRecovery {

    private JobRecovery() {
    }

    /** @return how many jobs were sent to the queue again */
    static int requeueUnfinished(DynamoDbClient dynamo, String table, SqsClient sqs, String queueUrl) {
        SqsJobQueue queue = new SqsJobQueue(sqs, queueUrl);
        int count = 0;
        var pages = dynamo.scanPaginator(s -> s.tableName(table)
                .consistentRead(true)
                .filterExpression("begins_with(#pk, :job) AND #status IN (:queued, :generating)")
                .projectionExpression("#id")
                .expressionAttributeNames(Map.of("#pk", TableLayout.PK, "#status", "status", "#id", "id"))
                .expressionAttributeValues(Map.of(
                        ":job", AttributeValue.fromS(TableLayout.jobKey("")),
                        ":queued", AttributeValue.fromS("queued"),
                        ":generating", AttributeValue.fromS("generating"))));
        for (Map<String, AttributeValue> item : pages.items()) {
            AttributeValue id = item.get("id");
            if (id != null && id.s() != null) {
                queue.send(id.s());
                count++;
            }
        }
        return count;
    }
}
