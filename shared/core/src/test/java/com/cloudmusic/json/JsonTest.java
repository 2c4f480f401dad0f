package com.cloudmusic.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudmusic.billing.BillingService;
import com.cloudmusic.billing.Pack;
import com.cloudmusic.errors.DomainException;
import com.cloudmusic.quota.Quota;
import com.cloudmusic.tracks.KitView;
import com.cloudmusic.tracks.TrackView;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streaming writer and tree reader against the data-binding mapper they stand in for. */
class JsonTest {

    private static final Instant AT = Instant.parse("2026-12-01T20:15:30.123Z");

    @Test
    void write_matchesTheMapper_forTheViewsTheApiAnswersWith() throws JsonProcessingException {
        TrackView ready = track("ready", "/v1/tracks/t1/audio", 123.9);
        TrackView queued = track("queued", null, null);
        KitView kit = new KitView("k1", "ready", "guided", Map.of("bpm", 124), null, 124, 4, "Bbm", "42", 7.742,
                4, List.of(ready, queued), ready, "/v1/kits/k1/zip", "cloudmusic_k1.zip", null, AT, AT);

        for (Object view : List.of(ready, queued, kit, new Quota(4, 3, 40L, AT), new Pack("credits-40", 40, 400, "usd",
                "40 credits"), new BillingService.PurchaseView("paid", 40), Map.of("packs", List.of(new Pack("p", 1, 2,
                "eur", "one"))))) {
            assertThat(Json.write(view)).isEqualTo(Json.mapper().writeValueAsString(view));
        }
    }

    @Test
    void write_matchesTheMapper_forLogLinesAndAnswersBuiltAsMaps() throws JsonProcessingException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", "INFO");
        line.put("message", "generate \"quoted\" \u00e9 \ud83c\udfb5 \n\t\u0001");
        line.put("int", 7);
        line.put("long", 9_007_199_254_740_993L);
        line.put("double", 0.1 + 0.2);
        line.put("whole double", 124.0);
        line.put("tiny", 1e-9);
        line.put("float", 1.5f);
        line.put("decimal", new BigDecimal("12.50"));
        line.put("big", new BigInteger("123456789012345678901234567890"));
        line.put("flag", true);
        line.put("absent", null);
        line.put("verdict", Thread.State.RUNNABLE);
        line.put("nested", Map.of("list", List.of(1, "two", List.of()), "empty", Map.of()));
        line.put("set", new ArrayList<>(List.of("a", "b")));
        line.put("array", new int[] {1, 2});

        assertThat(Json.write(line)).isEqualTo(Json.mapper().writeValueAsString(line));
        assertThat(Json.write(null)).isEqualTo("null");
        assertThat(Json.write(List.of(Double.NaN, -0.0))).isEqualTo(Json.mapper().writeValueAsString(
                Arrays.asList(Double.NaN, -0.0)));
    }

    @Test
    void write_leavesWhatItDoesNotKnowToTheMapper() throws JsonProcessingException {
        record Annotated(@com.fasterxml.jackson.annotation.JsonProperty("renamed") String name) {
        }
        JsonNode tree = Json.mapper().readTree("{\"a\":[1,{\"b\":null}]}");

        assertThat(Json.write(Map.of("x", new Annotated("n")))).isEqualTo("{\"x\":{\"renamed\":\"n\"}}");
        assertThat(Json.write(tree)).isEqualTo("{\"a\":[1,{\"b\":null}]}");
    }

    @Test
    void readTree_readsWhatTheMapperReads() throws Exception {
        String body = "{\"s\":\"\u00e9\\u00e9\",\"i\":124,\"l\":9007199254740993,\"b\":123456789012345678901234567890,"
                + "\"d\":124.0,\"e\":1e3,\"t\":true,\"f\":false,\"n\":null,\"a\":[1,[2],{}],\"o\":{\"k\":\"v\"}}";

        JsonNode mine = Json.readTree(body).orElseThrow();

        assertThat(mine).isEqualTo(Json.mapper().readTree(body));
        assertThat(mine.get("i").isInt()).isTrue();
        assertThat(mine.get("l").isLong()).isTrue();
        assertThat(mine.get("b").isBigInteger()).isTrue();
        assertThat(mine.get("d").isDouble()).isTrue();
        assertThat(Json.plain(mine)).isEqualTo(Json.mapper().convertValue(mine, Object.class));
    }

    @Test
    void readTree_refusesAFieldNamedTwice_andReadsNothingFromNotJson() {
        assertThat(Json.readTree("{\"a\":1,\"a\":2}")).isEmpty();
        assertThat(Json.readTree("{\"a\":")).isEmpty();
        assertThat(Json.readTree("")).isEmpty();
        assertThatThrownBy(() -> StrictJson.read("{\"mode\":\"guided\",\"mode\":\"advanced\"}"))
                .isInstanceOf(DomainException.class).hasMessage("The body is not valid JSON.");
    }

    private static TrackView track(String status, String audioUrl, Double measuredBpm) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("type", "bass");
        params.put("bpm", 124);
        params.put("dark", true);
        return new TrackView("t1", status, "guided", "bass", params, audioUrl == null ? null : "deep \"rumble\"",
                "procedural", 124, measuredBpm, 2, "F#m", "-9223372036854775808", 3.871, audioUrl, null, null, null,
                List.of("wav", "mid"), "cloudmusic_bass_124bpm_Fsharpm_2bar_t1.wav", audioUrl == null ? null : true,
                audioUrl == null ? Map.of("code", "x", "message", "y") : null, AT, AT.plusSeconds(3));
    }
}
