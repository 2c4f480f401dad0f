package com.cloudmusic.local.template;

import com.cloudmusic.http.RouteTemplate;
import com.cloudmusic.emulators.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the local runner takes from template.yaml: which function serves each HTTP route, which queues
 * feed which function in what batches, and when the scheduled function fires. Reading these from the
 * template rather than restating them keeps the runner and the deployed stack from drifting apart.
 */
public final class TemplateEvents {

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

    /** Lambda's batch size for an SQS event source that names none. */
    static final int DEFAULT_SQS_BATCH = 10;

    private final SamTemplate template;
    private final String origin;

    public TemplateEvents(SamTemplate template, String origin) {
        this.template = Objects.requireNonNull(template, "template == null");
        this.origin = Objects.requireNonNull(origin, "origin == null");
    }

    /**
     * The template.yaml of the checkout the runner is started in (this folder or a parent), else the
     * copy packaged into the jar when it was built.
     */
    public static TemplateEvents find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("template.yaml");
            if (Files.isRegularFile(candidate) && Files.isDirectory(dir.resolve("local"))) {
                return read(candidate);
            }
            dir = dir.getParent();
        }
        return packaged();
    }

    public static TemplateEvents read(Path file) {
        return new TemplateEvents(SamTemplate.load(file), file.toAbsolutePath().toString());
    }

    /** The copy of template.yaml packaged into the runner at build time. */
    public static TemplateEvents packaged() {
        try (InputStream in = TemplateEvents.class.getClassLoader().getResourceAsStream("template.yaml")) {
            if (in == null) {
                throw new IllegalStateException("template.yaml is neither in this folder nor packaged in the jar");
            }
            Path copy = Files.createTempFile("cloudmusic-template", ".yaml");
            try {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                return new TemplateEvents(SamTemplate.load(copy), "template.yaml packaged in the jar");
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the template was read from, for the start banner. */
    public String origin() {
        return origin;
    }

    public List<HttpRoute> httpRoutes() {
        List<HttpRoute> routes = new ArrayList<>();
        for (String functionId : template.functions()) {
            template.events(functionId, "HttpApi").forEach((eventId, properties) -> {
                String method = text(properties.get("Method"), functionId + "." + eventId + ".Method")
                        .toUpperCase(Locale.ROOT);
                String path = text(properties.get("Path"), functionId + "." + eventId + ".Path");
                routes.add(new HttpRoute(functionId, handlerClass(functionId), new RouteTemplate(method, path)));
            });
        }
        return routes;
    }

    public List<QueueSource> queueSources() {
        List<QueueSource> sources = new ArrayList<>();
        for (String functionId : template.functions()) {
            template.events(functionId, "SQS").forEach((eventId, properties) -> {
                String where = functionId + "." + eventId;
                String queueId = logicalId(properties.get("Queue"), where + ".Queue");
                int batchSize = properties.containsKey("BatchSize")
                        ? integer(template.resolve(properties.get("BatchSize")), where + ".BatchSize") : DEFAULT_SQS_BATCH;
                boolean partial = SamTemplate.list(properties.get("FunctionResponseTypes")).contains("ReportBatchItemFailures");
                sources.add(new QueueSource(functionId, handlerClass(functionId), queueId, batchSize, partial));
            });
        }
        return sources;
    }

    public List<ScheduleSource> schedules() {
        List<ScheduleSource> schedules = new ArrayList<>();
        for (String functionId : template.functions()) {
            template.events(functionId, "Schedule").forEach((eventId, properties) -> schedules.add(new ScheduleSource(
                    functionId, handlerClass(functionId), eventId,
                    text(template.resolve(properties.get("Schedule")), functionId + "." + eventId + ".Schedule"))));
        }
        return schedules;
    }

    /** The logical id of the dead-letter queue a queue redrives to, if it has a redrive policy. */
    public Optional<String> deadLetterQueueOf(String queueId) {
        Object target = SamTemplate.map(template.properties(queueId).get("RedrivePolicy")).get("deadLetterTargetArn");
        return target == null ? Optional.empty()
                : Optional.of(logicalId(target, queueId + ".RedrivePolicy.deadLetterTargetArn"));
    }

    /** The handler class named by a function's {@code Handler: class::method}. */
    public String handlerClass(String functionId) {
        String handler = text(template.properties(functionId).get("Handler"), functionId + ".Handler");
        int separator = handler.indexOf("::");
        return separator < 0 ? handler : handler.substring(0, separator);
    }

    /** The resource a {@code !GetAtt X.Arn} or {@code !Ref X} points at. */
    private static String logicalId(Object value, String where) {
        Map<String, Object> intrinsic = SamTemplate.map(value);
        Object getAtt = intrinsic.get("Fn::GetAtt");
        if (getAtt != null) {
            String target = getAtt instanceof List<?> list ? String.valueOf(list.get(0)) : String.valueOf(getAtt);
            int dot = target.indexOf('.');
            return dot < 0 ? target : target.substring(0, dot);
        }
        if (intrinsic.get("Ref") != null) {
            return String.valueOf(intrinsic.get("Ref"));
        }
        throw new IllegalStateException("template.yaml: " + where + " must reference a resource (got " + value + ")");
    }

    private static String text(Object value, String where) {
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
            return Integer.parseInt(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("template.yaml: " + where + " must be a whole number (got " + value + ")");
        }
    }
}
