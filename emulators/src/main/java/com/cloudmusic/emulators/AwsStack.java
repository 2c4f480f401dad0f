package com.cloudmusic.emulators;

import com.cloudmusic.aws.TableLayout;
import com.cloudmusic.tracks.GenerationService;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One set of CloudMusic resources on the emulators: the table, the queue with its dead-letter queue
 * and the bucket, shaped as template.yaml declares them, plus SDK clients configured the way the
 * functions configure theirs (URL-connection HTTP client, path-style S3) and the environment a
 * function needs to find them.
 */
public final class AwsStack {

    /** Seconds a received message stays invisible: 6x the generate function's timeout in the template. */
    public static final int VISIBILITY_TIMEOUT = 900;

    private final Endpoints endpoints;
    private final String tableName;
    private final String queueName;
    private final String bucketName;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder().build();
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final S3Client s3;
    private final S3Presigner presigner;
    private String queueUrl;
    private String deadLetterQueueUrl;
    private String deadLetterQueueArn;

    public AwsStack(Endpoints endpoints, String tableName, String queueName, String bucketName) {
        this.endpoints = endpoints;
        this.tableName = tableName;
        this.queueName = queueName;
        this.bucketName = bucketName;
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(AwsEmulators.ACCESS_KEY, AwsEmulators.SECRET_KEY));
        Region region = Region.of(AwsEmulators.REGION);
        this.dynamoDb = DynamoDbClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .endpointOverride(endpoints.dynamoDb()).build();
        this.sqs = SqsClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .endpointOverride(endpoints.sqs()).build();
        this.s3 = S3Client.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .endpointOverride(endpoints.s3()).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
        this.presigner = S3Presigner.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(endpoints.s3())
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                        .pathStyleAccessEnabled(true).build())
                .build();
    }

    /** Creates whatever does not exist yet (idempotent, so a persisted local runner restarts cleanly). */
    public AwsStack create() {
        createTable();
        createQueues();
        createBucket();
        return this;
    }

    private void createTable() {
        List<AttributeDefinition> attributes = new ArrayList<>();
        attributes.add(stringAttribute(TableLayout.PK));
        attributes.add(stringAttribute(TableLayout.SK));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (TableLayout.Index index : TableLayout.INDEXES) {
            attributes.add(stringAttribute(index.partitionKey()));
            attributes.add(stringAttribute(index.sortKey()));
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(key(index.partitionKey(), KeyType.HASH), key(index.sortKey(), KeyType.RANGE))
                    .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                    .build());
        }
        try {
            dynamoDb.createTable(t -> t.tableName(tableName)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attributes)
                    .keySchema(key(TableLayout.PK, KeyType.HASH), key(TableLayout.SK, KeyType.RANGE))
                    .globalSecondaryIndexes(indexes));
            dynamoDb.updateTimeToLive(u -> u.tableName(tableName).timeToLiveSpecification(
                    s -> s.attributeName(TableLayout.TTL_ATTRIBUTE).enabled(true)));
        } catch (ResourceInUseException alreadyThere) {
            // persisted from an earlier start
        }
    }

    private void createQueues() {
        deadLetterQueueUrl = sqs.createQueue(q -> q.queueName(queueName + "-dlq")).queueUrl();
        deadLetterQueueArn = sqs.getQueueAttributes(a -> a.queueUrl(deadLetterQueueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(VISIBILITY_TIMEOUT));
        attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadLetterQueueArn
                + "\",\"maxReceiveCount\":\"" + GenerationService.MAX_RECEIVES + "\"}");
        queueUrl = sqs.createQueue(q -> q.queueName(queueName).attributes(attributes)).queueUrl();
    }

    private void createBucket() {
        try {
            s3.createBucket(b -> b.bucket(bucketName));
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // persisted from an earlier start
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() != 409) {
                throw e;
            }
        }
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    /**
     * The environment a CloudMusic function needs to run against this stack (the variables
     * template.yaml sets, pointed at the emulators), without secrets: callers add those.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", AwsEmulators.REGION);
        env.put("AWS_ACCESS_KEY_ID", AwsEmulators.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", AwsEmulators.SECRET_KEY);
        env.put("AWS_ENDPOINT_URL_DYNAMODB", endpoints.dynamoDb().toString());
        env.put("AWS_ENDPOINT_URL_SQS", endpoints.sqs().toString());
        env.put("AWS_ENDPOINT_URL_S3", endpoints.s3().toString());
        env.put("TABLE_NAME", tableName);
        env.put("BUCKET_NAME", bucketName);
        env.put("QUEUE_URL", queueUrl);
        env.put("DEAD_LETTER_QUEUE_ARN", deadLetterQueueArn);
        return env;
    }

    public String tableName() {
        return tableName;
    }

    public String bucketName() {
        return bucketName;
    }

    public String queueUrl() {
        return queueUrl;
    }

    public String deadLetterQueueUrl() {
        return deadLetterQueueUrl;
    }

    public String deadLetterQueueArn() {
        return deadLetterQueueArn;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public S3Client s3() {
        return s3;
    }

    public S3Presigner presigner() {
        return presigner;
    }

    public URI s3Endpoint() {
        return endpoints.s3();
    }
}
