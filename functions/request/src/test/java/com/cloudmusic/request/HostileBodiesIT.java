package com.cloudmusic.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.testkit.ApiEvents;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 16 item 5: hostile bodies, as API Gateway would hand them over (text when well-formed UTF-8,
 * base64 otherwise), each answered 4xx with the SPEC's error shape, and none of them charged: after every
 * one the caller still has all four free units and no job, read back from the emulators.
 */
@ExtendWith(AwsEmulatorsExtension.class)
class HostileBodiesIT {

    private static final String JSON = "application/json";
    private static final String GUIDED = RequestFixture.GUIDED;
    private static final String PROMPT = "{\"mode\":\"advanced\",\"prompt\":\"%s\"}";

    /** One stack for the whole table: nothing may be charged, so nothing may accumulate either. */
    private static RequestFixture api;

    @BeforeAll
    static void startOneStack(AwsStack stack) {
        api = new RequestFixture(stack);
    }

    private static Arguments invalid(String name, byte[] body) {
        return Arguments.of(name, body, JSON, 400, "invalid_request");
    }

    private static Arguments invalid(String name, String body) {
        return invalid(name, utf8(body));
    }

    private static Arguments media(String name, String contentType) {
        return Arguments.of(name, utf8(GUIDED), contentType, 415, "unsupported_media_type");
    }

    static Stream<Arguments> hostileBodies() {
        List<Arguments> cases = new ArrayList<>(List.of(
                // Trailing content after one valid value.
                invalid("trailing word", GUIDED + " xyz"),
                invalid("two objects back to back", GUIDED + GUIDED),
                invalid("two objects with a newline", GUIDED + "\n" + GUIDED),
                invalid("closing brackets after the object", GUIDED + "]]]"),
                invalid("extra closing brace", GUIDED + "}"),
                invalid("trailing comma", GUIDED + ","),
                invalid("trailing number", GUIDED + " 1"),
                invalid("trailing null", GUIDED + " null"),
                invalid("trailing string", GUIDED + " \"x\""),
                invalid("trailing array", GUIDED + "[]"),
                invalid("trailing NUL byte", GUIDED + "\u0000"),
                invalid("trailing line comment", GUIDED + " // admin"),
                invalid("trailing block comment", GUIDED + " /* admin */"),
                // Escaped lone surrogates.
                invalid("lone high surrogate in prompt", String.format(PROMPT, "\\ud800 deep house")),
                invalid("lone low surrogate in prompt", String.format(PROMPT, "deep \\udfff house")),
                invalid("two high surrogates", String.format(PROMPT, "deep \\ud800\\ud800 house")),
                invalid("low before high surrogate", String.format(PROMPT, "deep \\udc00\\ud800 house")),
                invalid("high surrogate at the end", String.format(PROMPT, "deep house \\ud834")),
                invalid("lone surrogate in a field name", "{\"mode\":\"guided\",\"params\":{\"type\":\"kick\"},\"\\ud800\":1}"),
                invalid("lone surrogate in the key", "{\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"key\":\"\\udbff\"}}"),
                // Bytes that are not well-formed UTF-8 (base64 through API Gateway).
                invalid("overlong NUL", prompt(0xC0, 0x80)),
                invalid("overlong slash", prompt(0xC0, 0xAF)),
                invalid("three-byte overlong NUL", prompt(0xE0, 0x80, 0x80)),
                invalid("four-byte overlong", prompt(0xF0, 0x80, 0x80, 0xAF)),
                invalid("lone continuation byte", prompt(0x80)),
                invalid("truncated two-byte sequence", prompt(0xC3)),
                invalid("UTF-8 encoded surrogate (CESU-8)", prompt(0xED, 0xA0, 0x80)),
                invalid("byte FF", prompt(0xFF)),
                invalid("byte FE", prompt(0xFE)),
                invalid("code point above U+10FFFF", prompt(0xF4, 0x90, 0x80, 0x80)),
                invalid("Latin-1 e acute", prompt(0xE9)),
                invalid("body cut inside a sequence", concat(utf8(GUIDED), bytes(0xE2, 0x82))),
                invalid("UTF-16 body", "{\"mode\":\"guided\"}".getBytes(StandardCharsets.UTF_16LE)),
                // Not JSON at all, or not the JSON the API takes.
                invalid("empty body", ""),
                invalid("whitespace only", "   \n "),
                invalid("byte order mark first", "\uFEFF" + GUIDED),
                invalid("NaN", "{\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"bpm\":NaN}}"),
                invalid("single quotes", "{'mode':'guided','params':{'type':'kick'}}"),
                invalid("unquoted field names", "{mode:\"guided\",params:{type:\"kick\"}}"),
                invalid("trailing comma inside the object", "{\"mode\":\"guided\",\"params\":{\"type\":\"kick\"},}"),
                invalid("comment inside the object", "{\"mode\":\"guided\", /* x */ \"params\":{\"type\":\"kick\"}}"),
                invalid("duplicate field", "{\"mode\":\"guided\",\"mode\":\"advanced\",\"params\":{\"type\":\"kick\"}}"),
                invalid("raw newline inside a string", String.format(PROMPT, "deep\nhouse")),
                invalid("a bare string", "\"guided\""),
                invalid("null", "null"),
                invalid("a number", "42"),
                invalid("leading zeros", "{\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"bpm\":0124}}"),
                invalid("hex number", "{\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"bpm\":0x7c}}"),
                invalid("unterminated string", "{\"mode\":\"guided"),
                // The media type must be JSON in UTF-8.
                media("no Content-Type", null),
                media("text/plain", "text/plain"),
                media("charset utf-16", "application/json; charset=utf-16"),
                media("charset iso-8859-1", "application/json; charset=iso-8859-1"),
                media("form encoded", "application/x-www-form-urlencoded"),
                media("multipart", "multipart/form-data; boundary=x"),
                media("a longer media type", "application/jsonp"),
                media("an unknown parameter", "application/json; profile=x"),
                // Size: 16 KiB is the limit, counted in bytes.
                Arguments.of("one byte over 16 KiB", utf8(GUIDED + " ".repeat(16 * 1024 + 1 - GUIDED.length())), JSON, 413,
                        "payload_too_large"),
                Arguments.of("16 KiB of four-byte characters", utf8(String.format(PROMPT, "\uD834\uDD1E".repeat(4097))), JSON,
                        413, "payload_too_large")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBodies")
    void post_answers4xxWithTheErrorShape_andChargesNothing(String name, byte[] body, String contentType, int status,
            String code) {
        APIGatewayV2HTTPResponse response = api.send(event("/v1/tracks", body, contentType));

        assertThat(response.getStatusCode()).as(name).isEqualTo(status);
        JsonNode error = RequestFixture.json(response).path("error");
        assertThat(error.path("code").asText()).as(name).isEqualTo(code);
        assertThat(error.path("message").asText()).as(name).isNotBlank().doesNotContain("Exception").doesNotContain("at com.");
        assertThat(api.jobCount()).as(name).isZero();
        assertThat(api.quota().path("freeRemaining").asInt()).as(name).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBodies")
    void checkout_answers4xxWithTheErrorShape_andCreatesNoPurchase(String name, byte[] body, String contentType,
            int status, String code) {
        // The same bytes as a checkout body: refused before any wallet or purchase is written.
        APIGatewayV2HTTPResponse response = api.send(event("/v1/checkout", body, contentType));

        assertThat(response.getStatusCode()).as(name).isBetween(400, 499);
        assertThat(RequestFixture.json(response).path("error").path("code").asText()).as(name).isNotBlank();
        assertThat(api.itemCount("wallet#")).as(name).isZero();
        assertThat(api.itemCount("checkout#")).as(name).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8",
            "Application/JSON", "application/json; charset=\"utf-8\""})
    void post_acceptsJsonInUtf8_withOrWithoutTheCharset(String contentType, AwsStack stack) {
        RequestFixture fresh = new RequestFixture(stack);

        APIGatewayV2HTTPResponse response = fresh.send(event("/v1/tracks", utf8(GUIDED), contentType));

        assertThat(response.getStatusCode()).isEqualTo(202);
    }

    @Test
    void post_acceptsAPromptWithAPairedSurrogate_andNonAsciiText(AwsStack stack) {
        RequestFixture fresh = new RequestFixture(stack);

        APIGatewayV2HTTPResponse response = fresh.send(event("/v1/tracks",
                utf8(String.format(PROMPT, "d\\ud834\\udd1e ép house \uD834\uDD1E")), JSON));

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(RequestFixture.json(response).at("/track/prompt").asText()).isEqualTo("d\uD834\uDD1E ép house \uD834\uDD1E");
    }

    /** What API Gateway sends: a text body when it is well-formed UTF-8, base64 otherwise. */
    private static APIGatewayV2HTTPEvent event(String path, byte[] body, String contentType) {
        Map<String, String> headers = new HashMap<>();
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        String text = wellFormedUtf8(body);
        APIGatewayV2HTTPEvent event = ApiEvents.event("POST", path,
                text != null ? text : Base64.getEncoder().encodeToString(body), RequestFixture.IP, ApiEvents.BROWSER, headers);
        event.setIsBase64Encoded(text == null);
        return event;
    }

    private static String wellFormedUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** An advanced request whose prompt holds {@code raw} bytes between ordinary words. */
    private static byte[] prompt(int... raw) {
        return concat(utf8("{\"mode\":\"advanced\",\"prompt\":\"deep "), bytes(raw), utf8(" house\"}"));
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
