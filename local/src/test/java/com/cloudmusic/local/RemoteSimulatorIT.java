package com.cloudmusic.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.testkit.CapturedLog;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The local payment simulator hands out credits to whoever presses Pay: on an address other machines can
 * reach it is off unless asked for, and the start banner says which.
 */
class RemoteSimulatorIT {

    @Test
    void onAllInterfaces_theSimulatorIsOff_checkoutIs503_andTheBannerSaysWhy() {
        try (LocalRunner runner = runner(false)) {
            RunnerClient client = client(runner);

            HttpResponse<String> checkout = client.postJson("/v1/checkout", "{\"pack\":\"credits-40\"}");

            assertThat(runner.summary().payments()).contains("off").contains("--allow-remote-simulator");
            assertThat(checkout.statusCode()).isEqualTo(503);
            assertThat(RunnerClient.json(checkout).at("/error/code").asText()).isEqualTo("payments_unavailable");
            assertThat(client.get("/local/checkout/cs_local_anything").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void onAllInterfaces_withAllowRemoteSimulator_checkoutGoesToTheSimulator_andTheBannerWarns() {
        try (LocalRunner runner = runner(true)) {
            RunnerClient client = client(runner);

            HttpResponse<String> checkout = client.postJson("/v1/checkout", "{\"pack\":\"credits-40\"}");

            assertThat(runner.summary().payments()).contains("anyone who reaches it");
            assertThat(checkout.statusCode()).isEqualTo(200);
            URI page = URI.create(RunnerClient.json(checkout).at("/url").asText());
            assertThat(page.getPath()).startsWith("/local/checkout/cs_local_");
            assertThat(client.get(page.getPath()).statusCode()).isEqualTo(200);
        }
    }

    private static LocalRunner runner(boolean allowRemoteSimulator) {
        return LocalRunner.builder()
                .host("0.0.0.0")
                .port(0)
                .allowRemoteSimulator(allowRemoteSimulator)
                .environment(Map.of())
                .retryDelay(Duration.ZERO)
                .log(new CapturedLog().log())
                .start();
    }

    /** Reaches the runner over loopback, which a bind on all interfaces includes. */
    private static RunnerClient client(LocalRunner runner) {
        return new RunnerClient(URI.create("http://127.0.0.1:" + runner.url().getPort()),
                "RemoteSimulatorIT/" + UUID.randomUUID());
    }
}
