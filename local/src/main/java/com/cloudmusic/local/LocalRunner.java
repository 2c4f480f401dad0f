package com.cloudmusic.local;

import com.cloudmusic.aws.DynamoJobStore;
import com.cloudmusic.aws.SqsJobQueue;
import com.cloudmusic.billing.PaymentGateway;
import com.cloudmusic.config.Config;
import com.cloudmusic.config.Env;
import com.cloudmusic.emulators.AwsEmulators;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.emulators.payments.LocalCheckoutPage;
import com.cloudmusic.emulators.payments.LocalPaymentGateway;
import com.cloudmusic.errors.DomainException;
import com.cloudmusic.http.ErrorMapper;
import com.cloudmusic.local.apigateway.ApiGatewayEvents;
import com.cloudmusic.local.apigateway.ApiGatewayFront;
import com.cloudmusic.local.apigateway.RequestHeadGuard;
import com.cloudmusic.local.lambda.LocalLambdaContext;
import com.cloudmusic.local.schedule.ScheduleExpression;
import com.cloudmusic.local.schedule.ScheduledEvents;
import com.cloudmusic.local.schedule.Scheduler;
import com.cloudmusic.local.sqs.QueuePoller;
import com.cloudmusic.local.template.TemplateEvents;
import com.cloudmusic.log.JsonLog;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.publish.PublishSettings;
import com.cloudmusic.publish.channel.OutboxChannel;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole CloudMusic stack in this JVM: the AWS emulators with the template's table, queues and
 * bucket; an HTTP front playing API Gateway; pollers playing Lambda's SQS event source mappings; and a
 * scheduler playing the EventBridge rule. Each calls the very handlers that are deployed; nothing here
 * decides a business rule.
 */
public final class LocalRunner implements AutoCloseable {

    /** Paths under this prefix are the runner's own pages (e.g. a payment simulator), never the API's. */
    public static final String LOCAL_PREFIX = "/local/";

    static final String TABLE = "cloudmusic";
    static final String QUEUE = "cloudmusic-jobs";
    static final String BUCKET = "cloudmusic-tracks";
    /** How long a clean stop lets generations in progress finish. */
    static final Duration DRAIN = Duration.ofSeconds(20);

    private final AwsEmulators emulators;
    private final AwsStack stack;
    private final HttpServer server;
    private final RequestHeadGuard front;
    private final ExecutorService httpThreads;
    private final ExecutorService workers;
    private final List<QueuePoller> pollers;
    private final List<Scheduler> schedulers;
    private final List<ScheduledTarget> targets;
    private final URI url;
    private final Summary summary;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** What the runner is running, for the start banner. */
    public record Summary(URI url, String engine, String payments, List<String> channels, Optional<Path> dataDir,
            int resumedJobs,
            String template, List<String> routes, List<String> queues, List<String> schedules) {
    }

    private LocalRunner(AwsEmulators emulators, AwsStack stack, HttpServer server, RequestHeadGuard front,
            ExecutorService httpThreads,
            ExecutorService workers, List<QueuePoller> pollers, List<Scheduler> schedulers, List<ScheduledTarget> targets,
            URI url, Summary summary) {
        this.targets = targets;
        this.emulators = emulators;
        this.stack = stack;
        this.server = server;
        this.front = front;
        this.httpThreads = httpThreads;
        this.workers = workers;
        this.pollers = pollers;
        this.schedulers = schedulers;
        this.url = url;
        this.summary = summary;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where the runner answers, e.g. http://localhost:3000. */
    public URI url() {
        return url;
    }

    public Summary summary() {
        return summary;
    }

    /** The emulated resources (tests look into queues and tables through it). */
    public AwsStack stack() {
        return stack;
    }

    /**
     * Stops cleanly: no new requests or receives, generations in progress get {@link #DRAIN} to finish,
     * then the emulators stop (DynamoDB and S3 data stay in the data directory).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        front.close();
        server.stop(0);
        httpThreads.shutdown();
        schedulers.forEach(Scheduler::close);
        pollers.forEach(QueuePoller::close);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pollers.forEach(p -> p.awaitStopped(Duration.ofSeconds(QueuePoller.WAIT_SECONDS + 1)));
        emulators.close();
    }

    /** Builds and starts a runner. */
    public static final class Builder {
        private String host = "localhost";
        private int port = 3000;
        private Optional<Path> dataDir = Optional.empty();
        private Duration retryDelay = Duration.ofSeconds(5);
        private boolean publishNow;
        private Optional<MusicEngine> engine = Optional.empty();
        private Map<String, String> environment = System.getenv();
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private JsonLog log = JsonLog.stdout();
        private Consumer<String> problems = line -> System.err.println("local runner: " + line);
        private TemplateEvents template;
        private int generationThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        private final Map<String, HttpHandler> mounts = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private boolean allowRemoteSimulator;

        private Builder() {
        }

        /** Interface to listen on: "localhost" (the default, loopback only), an address, or 0.0.0.0. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host == null");
            return this;
        }

        /**
         * Serve the local payment simulator (free credits for whoever presses Pay) even when listening
         * on an address other machines can reach; by default it is mounted on a loopback bind only.
         */
        public Builder allowRemoteSimulator(boolean allow) {
            this.allowRemoteSimulator = allow;
            return this;
        }

        /** 0 picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535");
            }
            this.port = port;
            return this;
        }

        /** Keep DynamoDB and S3 data (and generated secrets) here across restarts. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Optional.ofNullable(dataDir);
            return this;
        }

        /** How long a failed message waits before its next delivery. */
        public Builder retryDelay(Duration retryDelay) {
            if (retryDelay.isNegative()) {
                throw new IllegalArgumentException("retryDelay < 0");
            }
            this.retryDelay = retryDelay;
            return this;
        }

        public Builder publishNow(boolean publishNow) {
            this.publishNow = publishNow;
            return this;
        }

        /** Render with this engine instead of the one MUSIC_ENGINE names (tests inject failing ones). */
        public Builder engine(MusicEngine engine) {
            this.engine = Optional.of(engine);
            return this;
        }

        /** The environment the functions' settings come from; the process environment by default. */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** One setting on top of the environment, e.g. FREE_DAILY_LIMIT. */
        public Builder setting(String name, String value) {
            overrides.put(name, value);
            return this;
        }

        /** Where the functions' JSON log lines go (stdout by default, as on Lambda). */
        public Builder log(JsonLog log) {
            this.log = Objects.requireNonNull(log, "log == null");
            return this;
        }

        /** Where the runner reports its own trouble (stderr by default). */
        public Builder problems(Consumer<String> problems) {
            this.problems = Objects.requireNonNull(problems, "problems == null");
            return this;
        }

        public Builder template(TemplateEvents template) {
            this.template = template;
            return this;
        }

        public Builder generationThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads < 1");
            }
            this.generationThreads = threads;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /**
         * Serves a local-only page under {@value LocalRunner#LOCAL_PREFIX}, e.g. a payment simulator at
         * {@code /local/checkout}. The API's routes never see these paths.
         */
        public Builder mount(String path, HttpHandler handler) {
            Objects.requireNonNull(handler, "handler == null");
            if (!path.startsWith(LOCAL_PREFIX) || path.length() == LOCAL_PREFIX.length() || path.contains("..")) {
                throw new IllegalArgumentException("local pages live under " + LOCAL_PREFIX + "..., not " + path);
            }
            mounts.put(path, handler);
            return this;
        }

        public LocalRunner start() {
            TemplateEvents sam = template != null ? template : TemplateEvents.find();
            Env base = new Env(environment);
            LocalSecrets secrets = LocalSecrets.load(base, dataDir);
            List<AutoCloseable> started = new ArrayList<>();
            try {
                InetAddress address = InetAddress.getByName(host);
                AwsEmulators emulators = AwsEmulators.start(dataDir, address.isAnyLocalAddress() ? "0.0.0.0" : "127.0.0.1");
                started.add(emulators);
                AwsStack stack = new AwsStack(emulators, TABLE, QUEUE, BUCKET).create();

                // The API's server listens on loopback only; the front owns the public socket and answers
                // what the JDK's server would drop (414, 431) before handing a request over.
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
                started.add(() -> server.stop(0));
                RequestHeadGuard front = RequestHeadGuard.bind(new InetSocketAddress(address, port), server.getAddress(),
                        daemonThreads("front"));
                started.add(front);
                URI url = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + front.port());

                Map<String, String> settings = new HashMap<>(environment);
                settings.putAll(stack.environment());
                settings.putAll(secrets.asEnvironment());
                settings.putIfAbsent(Config.PUBLIC_BASE_URL, url.toString());
                settings.putAll(overrides);
                Env env = new Env(settings);
                String region = stack.environment().get("AWS_REGION");
                // No Stripe key: checkout goes to the local simulator, which pays by sending a signed
                // webhook to the real webhook route. The deployed template has no way to enable it.
                // Anyone who reaches the simulator can pay with it, so on an address other machines can reach
                // it waits for --allow-remote-simulator.
                boolean stripe = env.optional("STRIPE_SECRET_KEY").isPresent();
                boolean simulatorAllowed = address.isLoopbackAddress() || allowRemoteSimulator;
                Optional<LocalPaymentGateway> simulator = stripe || !simulatorAllowed
                        ? Optional.empty()
                        : Optional.of(new LocalPaymentGateway(url, clock));
                LocalFunctions functions = new LocalFunctions(env, engine, simulator.map(g -> (PaymentGateway) g),
                        clock, log);

                // API Gateway: the template's routes, plus the runner's own pages under /local/.
                List<ApiGatewayFront.Route> routes = new ArrayList<>();
                for (TemplateEvents.HttpRoute route : sam.httpRoutes()) {
                    routes.add(new ApiGatewayFront.Route(route.route(), route.functionId(),
                            functions.http(route.handlerClass())));
                }
                ThreadFactory httpFactory = daemonThreads("http");
                ExecutorService httpThreads = Executors.newFixedThreadPool(16, httpFactory);
                started.add(httpThreads::shutdownNow);
                server.setExecutor(httpThreads);
                server.createContext("/", new ApiGatewayFront(routes, region, clock, problems, front::peerOf));
                server.createContext(LOCAL_PREFIX, LocalRunner::noSuchLocalPage);
                mounts.forEach(server::createContext);
                simulator.ifPresent(gateway -> server.createContext(LocalPaymentGateway.PAGE_PATH,
                        new LocalCheckoutPage(gateway, url.resolve("/v1/stripe/webhook"), secrets.stripeWebhookSecret(),
                                clock, LocalRunner::noSuchLocalPage)));

                // Jobs left unfinished by the last run lost their in-memory messages: send them again.
                int resumed = dataDir.isPresent()
                        ? JobRecovery.requeueUnfinished(new DynamoJobStore(stack.dynamoDb(), stack.tableName()),
                                new SqsJobQueue(stack.sqs(), stack.queueUrl()))
                        : 0;

                // Lambda's SQS event source mappings.
                ExecutorService workers = Executors.newFixedThreadPool(generationThreads, daemonThreads("generate"));
                started.add(workers::shutdownNow);
                List<QueuePoller> pollers = new ArrayList<>();
                List<String> queues = new ArrayList<>();
                for (TemplateEvents.QueueSource source : sam.queueSources()) {
                    String queueUrl = queueUrl(sam, stack, source.queueId());
                    String arn = stack.sqs().getQueueAttributes(a -> a.queueUrl(queueUrl)
                            .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
                    QueuePoller poller = new QueuePoller(stack.sqs(),
                            new QueuePoller.Source(source.functionId(), queueUrl, arn, region, source.batchSize(),
                                    source.reportsBatchItemFailures()),
                            functions.sqs(source.handlerClass()), workers, generationThreads, retryDelay, problems);
                    started.add(poller);
                    pollers.add(poller.start());
                    queues.add(source.queueId() + " → " + source.functionId() + " (batch " + source.batchSize() + ")");
                }

                // The EventBridge rules.
                List<Scheduler> schedulers = new ArrayList<>();
                List<ScheduledTarget> targets = new ArrayList<>();
                List<String> schedules = new ArrayList<>();
                for (TemplateEvents.ScheduleSource source : sam.schedules()) {
                    var function = functions.scheduled(source.handlerClass());
                    String rule = source.functionId() + "-" + source.eventId();
                    ScheduledTarget target = new ScheduledTarget(source.functionId(), time -> function.handleRequest(
                            ScheduledEvents.at(time, rule, region), new LocalLambdaContext(source.functionId(), region, 300)));
                    targets.add(target);
                    Scheduler scheduler = new Scheduler(ScheduleExpression.parse(source.expression()), time -> {
                        Object result = target.run().apply(time);
                        log.info("scheduled_run", Map.of("function", source.functionId(), "result",
                                String.valueOf(result)));
                    }, clock, problems);
                    started.add(scheduler);
                    schedulers.add(scheduler.start(publishNow));
                    schedules.add(source.functionId() + " on " + source.expression()
                            + scheduler.next().map(next -> ", next " + next).orElse(""));
                }

                server.start();
                front.start();
                Summary summary = new Summary(url, engineName(env), payments(stripe, simulator.isPresent(),
                                address.isLoopbackAddress()),
                        channels(env, stack.bucketName()), dataDir, resumed,
                        sam.origin(),
                        sam.httpRoutes().stream().map(r -> r.route().routeKey() + " → " + r.functionId()).toList(),
                        queues, schedules);
                return new LocalRunner(emulators, stack, server, front, httpThreads, workers, pollers, schedulers, targets,
                        url, summary);
            } catch (IOException e) {
                closeAll(started);
                throw new UncheckedIOException("could not listen on " + host + ":" + port + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                closeAll(started);
                throw e;
            }
        }

        private String engineName(Env env) {
            return engine.map(MusicEngine::name).orElseGet(() -> env.optional(Config.MUSIC_ENGINE, Config.DEFAULT_ENGINE));
        }
    }

    /** The start banner's payments line: what checkout does, and why the simulator is off when it is. */
    static String payments(boolean stripe, boolean simulator, boolean loopback) {
        if (stripe) {
            return "Stripe Checkout";
        }
        if (!simulator) {
            return "off: the local checkout simulator serves a loopback bind only (--allow-remote-simulator "
                    + "serves it here too) and no STRIPE_SECRET_KEY is set, so POST /v1/checkout answers 503";
        }
        return loopback ? "local checkout simulator (no STRIPE_SECRET_KEY set; this machine only)"
                : "local checkout simulator on a network address (--allow-remote-simulator): anyone who reaches "
                        + "it gets credits for free";
    }

    /** The queue URL of a template queue: the jobs queue, or the queue it redrives to. */
    private static String queueUrl(TemplateEvents sam, AwsStack stack, String queueId) {
        for (TemplateEvents.QueueSource source : sam.queueSources()) {
            if (sam.deadLetterQueueOf(source.queueId()).isPresent()) {
                if (source.queueId().equals(queueId)) {
                    return stack.queueUrl();
                }
                if (sam.deadLetterQueueOf(source.queueId()).get().equals(queueId)) {
                    return stack.deadLetterQueueUrl();
                }
            }
        }
        throw new IllegalStateException("template.yaml: the local runner knows the jobs queue and its dead-letter "
                + "queue only, not " + queueId);
    }

    /** The publish run's channels, as its own settings enable them (the outbox when none is). */
    static List<String> channels(Env env, String bucket) {
        return PublishSettings.from(env).channelNames().stream()
                .map(name -> name.equals(OutboxChannel.NAME) ? name + " (s3://" + bucket + "/outbox/)" : name)
                .toList();
    }

    private static void noSuchLocalPage(HttpExchange exchange) throws IOException {
        try (exchange) {
            var answer = ApiGatewayEvents.toAnswer(ErrorMapper.toResponse(
                    DomainException.notFound("No local page at " + exchange.getRequestURI().getPath() + ".")));
            answer.headers().forEach(exchange.getResponseHeaders()::put);
            exchange.sendResponseHeaders(answer.status(), answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception ignored) {
                // best effort while failing to start
            }
        }
    }

    /** A function an EventBridge rule fires, and how to fire it for a given scheduled time. */
    record ScheduledTarget(String functionId, java.util.function.Function<Instant, Object> run) {
    }

    /** Fires every scheduled function once, now, and returns what each answered (the pipeline command). */
    public Map<String, Object> runSchedulesNow() {
        Map<String, Object> results = new LinkedHashMap<>();
        Instant now = Instant.now();
        for (ScheduledTarget target : targets) {
            results.put(target.functionId(), target.run().apply(now));
        }
        return results;
    }

    /** When the next run of each schedule is due. */
    public List<Instant> nextScheduledRuns() {
        return schedulers.stream().flatMap(s -> s.next().stream()).toList();
    }
}
