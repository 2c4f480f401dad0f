package com.cloudmusic.local.template;

import com.cloudmusic.http.RouteTemplate;
import com.cloudmusic.local.template.CloudFormationYaml.Intrinsic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the local runner takes from template.yaml: which function serves each HTTP route, which queues
 * feed which function in what batches, and when the scheduled function fires. Reading these from the
 * template rather than restating them keeps the runner and the deployed stack from drifting apart.
 */
public final class SamTemplate {

    /** An {@code HttpApi} event: the route and the handler class of the function behind it. */
    public record HttpRoute(String functionId, String handlerClass, RouteTemplate route) {
    }

    /** An {@code SQS} event source: the queue's logical id and the batch size Lambda would use. */
    public record QueueSource(String functionId, String handlerClass, String queueId, int batchSize,
            boolean reportsBatchItemFailures) {
    }

    /** A {@code Schedule} event: an EventBridge schedule expression such as {@code cron(0 10 * * ? *)}. */
    public record ScheduleSource(String functionId, String handlerClass, String eventId, String expression) {
    }

    private final Map<String, Object> root;

    private SamTemplate(Map<String, Object> root) {
        this.root = root;
    }

    /** The template packaged into the runner's jar at build time (a copy of the repository's template.yaml). */
    public static SamTemplate packaged() {
        try (InputStream in = SamTemplate.class.getClassLoader().getResourceAsStream("template.yaml")) {
            if (in == null) {
                throw new IllegalStateException("template.yaml is not on the class path; build with mvn package");
            }
            return new SamTemplate(CloudFormationYaml.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SamTemplate read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new SamTemplate(CloudFormationYaml.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public List<HttpRoute> httpRoutes() {
        List<HttpRoute> routes = new ArrayList<>();
        forEachEvent("HttpApi", (functionId, eventId, properties) -> {
            String method = string(properties.get("Method"), functionId + "." + eventId + ".Method").toUpperCase(java.util.Locale.ROOT);
            String path = string(properties.get("Path"), functionId + "." + eventId + ".Path");
            routes.add(new HttpRoute(functionId, handlerClass(functionId),
                    new RouteTemplate(method.equals("ANY") ? "ANY" : method, path)));
        });
        return routes;
    }

    public List<QueueSource> queueSources() {
        List<QueueSource> sources = new ArrayList<>();
        forEachEvent("SQS", (functionId, eventId, properties) -> {
            String queueId = logicalId(properties.get("Queue"), functionId + "." + eventId + ".Queue");
            // Lambda's default batch size for SQS is 10.
            int batchSize = properties.containsKey("BatchSize")
                    ? integer(resolve(properties.get("BatchSize")), functionId + "." + eventId + ".BatchSize") : 10;
            Object types = properties.get("FunctionResponseTypes");
            boolean partial = types instanceof List<?> list && list.contains("ReportBatchItemFailures");
            sources.add(new QueueSource(functionId, handlerClass(functionId), queueId, batchSize, partial));
        });
        return sources;
    }

    public List<ScheduleSource> schedules() {
        List<ScheduleSource> schedules = new ArrayList<>();
        forEachEvent("Schedule", (functionId, eventId, properties) -> schedules.add(new ScheduleSource(functionId,
                handlerClass(functionId), eventId,
                string(resolve(properties.get("Schedule")), functionId + "." + eventId + ".Schedule"))));
        return schedules;
    }

    /** The logical id of the dead-letter queue a queue redrives to, if it has a redrive policy. */
    public Optional<String> deadLetterQueueOf(String queueId) {
        Map<String, Object> properties = properties(resource(queueId));
        Object redrive = properties.get("RedrivePolicy");
        if (!(redrive instanceof Map<?, ?> policy) || policy.get("deadLetterTargetArn") == null) {
            return Optional.empty();
        }
        return Optional.of(logicalId(policy.get("deadLetterTargetArn"), queueId + ".RedrivePolicy.deadLetterTargetArn"));
    }

    /** The handler class named by a function's {@code Handler: class::method}. */
    public String handlerClass(String functionId) {
        String handler = string(properties(resource(functionId)).get("Handler"), functionId + ".Handler");
        int separator = handler.indexOf("::");
        return separator < 0 ? handler : handler.substring(0, separator);
    }

    private interface EventVisitor {
        void visit(String functionId, String eventId, Map<String, Object> properties);
    }

    private void forEachEvent(String type, EventVisitor visitor) {
        for (Map.Entry<String, Object> resource : resources().entrySet()) {
            Map<String, Object> body = map(resource.getValue());
            if (!"AWS::Serverless::Function".equals(body.get("Type"))) {
                continue;
            }
            Map<String, Object> events = map(properties(body).get("Events"));
            for (Map.Entry<String, Object> event : events.entrySet()) {
                Map<String, Object> eventBody = map(event.getValue());
                if (type.equals(eventBody.get("Type"))) {
                    visitor.visit(resource.getKey(), event.getKey(), map(eventBody.get("Properties")));
                }
            }
        }
    }

    /** {@code !Ref Parameter} becomes the parameter's default; literals stay as they are. */
    private Object resolve(Object value) {
        if (value instanceof Intrinsic intrinsic && intrinsic.name().equals("Ref")) {
            String name = String.valueOf(intrinsic.argument());
            Map<String, Object> parameters = map(root.get("Parameters"));
            if (parameters.containsKey(name)) {
                Object fallback = map(parameters.get(name)).get("Default");
                if (fallback == null) {
                    throw new IllegalStateException("template parameter " + name + " has no Default to run with locally");
                }
                return fallback;
            }
        }
        return value;
    }

    /** The resource a {@code !GetAtt X.Arn} or {@code !Ref X} points at. */
    private static String logicalId(Object value, String where) {
        if (value instanceof Intrinsic intrinsic) {
            Object argument = intrinsic.argument();
            if (intrinsic.name().equals("Fn::GetAtt")) {
                String target = argument instanceof List<?> list ? String.valueOf(list.get(0)) : String.valueOf(argument);
                int dot = target.indexOf('.');
                return dot < 0 ? target : target.substring(0, dot);
            }
            if (intrinsic.name().equals("Ref")) {
                return String.valueOf(argument);
            }
        }
        throw new IllegalStateException(where + " must reference a resource of the template (got " + value + ")");
    }

    private Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    private Map<String, Object> resource(String id) {
        Object resource = resources().get(id);
        if (resource == null) {
            throw new IllegalStateException("template.yaml has no resource " + id);
        }
        return map(resource);
    }

    private static Map<String, Object> properties(Map<String, Object> resource) {
        return map(resource.get("Properties"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    private static String string(Object value, String where) {
        if (value instanceof String text && !text.isBlank()) {
            return text;
        }
        throw new IllegalStateException("template.yaml: " + where + " must be a string (got " + value + ")");
    }

    private static int integer(Object value, String where) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(Objects.requireNonNull(value)).trim());
        } catch (RuntimeException e) {
            throw new IllegalStateException("template.yaml: " + where + " must be a whole number (got " + value + ")");
        }
    }
}
