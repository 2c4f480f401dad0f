package com.cloudmusic.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/** -Dcloudmusic.aws=localstack without a Docker engine fails at once, saying why and what to do. */
class LocalStackEndpointsTest {

    @Test
    void start_failsFastWithAClearMessage_whenNoDockerEngineRuns() {
        assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "Docker is available here");

        assertThatThrownBy(LocalStackEndpoints::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Docker")
                .hasMessageContaining("in-process emulators");
    }
}
