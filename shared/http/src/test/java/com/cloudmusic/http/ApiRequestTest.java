package com.cloudmusic.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.cloudmusic.errors.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRequestTest {

    private static ApiRequest request(Map<String, String> headers, String body, boolean base64) {
        return new ApiRequest(APIGatewayV2HTTPEvent.builder().withHeaders(headers).withBody(body)
                .withIsBase64Encoded(base64).build());
    }

    @Test
    void header_isFoundWhateverItsCase() {
        assertThat(request(Map.of("X-Wallet-Key", "k"), null, false).header("x-wallet-key")).contains("k");
    }

    @Test
    void jsonBody_decodesBase64Bodies() {
        String body = Base64.getEncoder().encodeToString("{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(request(Map.of("content-type", "application/json"), body, true).jsonBody()).isEqualTo("{\"a\":\"é\"}");
    }

    @Test
    void jsonBody_refusesOtherCharsetsAndAMissingType_with415() {
        for (Map<String, String> headers : new Map[] {Map.of(), Map.of("content-type", "application/json; charset=utf-16")}) {
            assertThatThrownBy(() -> request(headers, "{}", false).jsonBody())
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.code()).isEqualTo("unsupported_media_type");
                        assertThat(ErrorMapper.status(e.kind())).isEqualTo(415);
                    });
        }
    }

    @Test
    void jsonBody_countsTheLimitInBytes() {
        String body = "é".repeat(ApiRequest.MAX_JSON_BODY_BYTES / 2 + 1);

        assertThatThrownBy(() -> request(Map.of("content-type", "application/json"), body, false).jsonBody())
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("payload_too_large"));
    }
}
