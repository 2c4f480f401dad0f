package com.cloudmusic.testkit;

import com.cloudmusic.emulators.Endpoints;
import java.net.URI;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/** The same three services on LocalStack in Docker, for machines that have a Docker engine. */
final class LocalStackEndpoints implements Endpoints, AutoCloseable {

    static final String IMAGE = "localstack/localstack:4.4";
    private final LocalStackContainer container;

    private LocalStackEndpoints(LocalStackContainer container) {
        this.container = container;
    }

    static LocalStackEndpoints start() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("-Dcloudmusic.aws=localstack needs a running Docker engine, and none was "
                    + "found. Run without it to use the in-process emulators.");
        }
        LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(IMAGE))
                .withServices("dynamodb", "sqs", "s3");
        container.start();
        return new LocalStackEndpoints(container);
    }

    @Override
    public URI dynamoDb() {
        return container.getEndpoint();
    }

    @Override
    public URI sqs() {
        return container.getEndpoint();
    }

    @Override
    public URI s3() {
        return container.getEndpoint();
    }

    @Override
    public void close() {
        container.stop();
    }
}
