package com.cloudmusic.emulators;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * The three AWS emulators, started in this JVM on loopback ports, no Docker: DynamoDB Local,
 * ElasticMQ (SQS) and S3Proxy (S3). In memory, or persisted under a data directory so a restart keeps
 * tables and objects. Used by the integration tests and the local runner alike.
 */
public final class AwsEmulators implements Endpoints, AutoCloseable {

    public static final String ACCESS_KEY = "test";
    public static final String SECRET_KEY = "test";
    public static final String REGION = "us-east-1";

    private final DynamoDBProxyServer dynamo;
    private final SQSRestServer sqs;
    private final S3Proxy s3;
    private final URI dynamoEndpoint;
    private final URI sqsEndpoint;
    private final URI s3Endpoint;

    private AwsEmulators(DynamoDBProxyServer dynamo, URI dynamoEndpoint, SQSRestServer sqs, URI sqsEndpoint, S3Proxy s3,
            URI s3Endpoint) {
        this.dynamo = dynamo;
        this.dynamoEndpoint = dynamoEndpoint;
        this.sqs = sqs;
        this.sqsEndpoint = sqsEndpoint;
        this.s3 = s3;
        this.s3Endpoint = s3Endpoint;
    }

    /** Starts all three in memory. */
    public static AwsEmulators startInMemory() {
        return start(Optional.empty(), "127.0.0.1");
    }

    /**
     * Starts all three.
     *
     * @param dataDir where DynamoDB and S3 keep their data, empty for memory only
     * @param host    the interface S3 listens on (the browser fetches presigned URLs from it)
     */
    public static AwsEmulators start(Optional<Path> dataDir, String host) {
        // The three start side by side: together they take about as long as the slowest (ElasticMQ).
        CompletableFuture<Started<DynamoDBProxyServer>> dynamo = CompletableFuture.supplyAsync(() -> startDynamo(dataDir));
        CompletableFuture<Started<SQSRestServer>> sqs = CompletableFuture.supplyAsync(AwsEmulators::startSqs);
        CompletableFuture<Started<S3Proxy>> s3 = CompletableFuture.supplyAsync(() -> startS3(dataDir, host));
        try {
            CompletableFuture.allOf(dynamo, sqs, s3).join();
            return new AwsEmulators(dynamo.join().server(), dynamo.join().endpoint(), sqs.join().server(),
                    sqs.join().endpoint(), s3.join().server(), s3.join().endpoint());
        } catch (CompletionException e) {
            stopQuietly(dynamo, started -> started.server().stop());
            stopQuietly(sqs, started -> started.server().stopAndWait());
            stopQuietly(s3, started -> started.server().stop());
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("could not start the AWS emulators: " + cause.getMessage(), cause);
        }
    }

    /** A server that started, and where it answers. */
    private record Started<T>(T server, URI endpoint) {
    }

    private interface Stopper<T> {
        void stop(T started) throws Exception;
    }

    private static <T> void stopQuietly(CompletableFuture<T> future, Stopper<T> stopper) {
        if (future.isDone() && !future.isCompletedExceptionally()) {
            try {
                stopper.stop(future.join());
            } catch (Exception ignored) {
                // best effort while failing
            }
        }
    }

    private static Started<DynamoDBProxyServer> startDynamo(Optional<Path> dataDir) {
        try {
            prepareNativeDir();
            int port = freePort();
            List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-disableTelemetry"));
            if (dataDir.isPresent()) {
                Path dir = Files.createDirectories(dataDir.get().resolve("dynamodb"));
                args.addAll(List.of("-dbPath", dir.toString(), "-sharedDb"));
            } else {
                args.addAll(List.of("-inMemory", "-sharedDb"));
            }
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            server.start();
            return new Started<>(server, URI.create("http://127.0.0.1:" + port));
        } catch (Exception e) {
            throw new CompletionException("DynamoDB Local: " + e.getMessage(), e);
        }
    }

    private static Started<SQSRestServer> startSqs() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new Started<>(server, URI.create("http://127.0.0.1:" + port));
    }

    private static Started<S3Proxy> startS3(Optional<Path> dataDir, String host) {
        try {
            int port = freePort();
            var blobStore = dataDir.isPresent()
                    ? new FilesystemNio2BlobStore(Files.createDirectories(dataDir.get().resolve("s3")).toString())
                    : new TransientNio2BlobStore();
            String s3Host = host.equals("0.0.0.0") ? "0.0.0.0" : "127.0.0.1";
            S3Proxy server = S3Proxy.builder()
                    .blobStore(blobStore)
                    .endpoint(URI.create("http://" + s3Host + ":" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    // The web app fetches presigned track URLs from its own origin for Web Audio playback.
                    .corsRules(new org.gaul.s3proxy.CrossOriginResourceSharing(
                            List.of("*"), List.of("GET", "HEAD"), List.of("*"), List.of("Content-Length", "Content-Type"),
                            "false"))
                    .build();
            server.start();
            return new Started<>(server, URI.create("http://127.0.0.1:" + port));
        } catch (Exception e) {
            throw new CompletionException("S3Proxy: " + e.getMessage(), e);
        }
    }

    private static void prepareNativeDir() throws IOException {
        // DynamoDB Local unpacks its SQLite native library here; keep it out of /tmp and the home folder.
        String dir = System.getProperty("org.sqlite.tmpdir");
        if (dir == null) {
            dir = Path.of(System.getProperty("java.io.tmpdir"), "cloudmusic-sqlite").toString();
            System.setProperty("org.sqlite.tmpdir", dir);
        }
        Files.createDirectories(Path.of(dir));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    @Override
    public URI dynamoDb() {
        return dynamoEndpoint;
    }

    @Override
    public URI sqs() {
        return sqsEndpoint;
    }

    @Override
    public URI s3() {
        return s3Endpoint;
    }

    @Override
    public void close() {
        try {
            s3.stop();
        } catch (Exception ignored) {
            // stopping anyway
        }
        sqs.stopAndWait();
        try {
            dynamo.stop();
        } catch (Exception ignored) {
            // stopping anyway
        }
    }
}
