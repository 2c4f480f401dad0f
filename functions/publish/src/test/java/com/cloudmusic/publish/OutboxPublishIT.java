package com.cloudmusic.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.publish.channel.Captions;
import com.cloudmusic.publish.daily.Post;
import com.cloudmusic.publish.daily.RunSummary;
import com.cloudmusic.publish.daily.TrackOfTheDay;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.tracks.Job;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A run with no channel configured: everything goes to the outbox, where it can be read back. */
@ExtendWith(AwsEmulatorsExtension.class)
class OutboxPublishIT {

    @Test
    void run_withoutChannels_writesOutboxPostsOfTrackOfTheDayAndSharedTrack(AwsStack stack) {
        PublishFixture f = new PublishFixture(stack);
        f.clock.advance(Duration.ofMinutes(-30));
        Job shared = f.sharedBass();
        f.clock.advance(Duration.ofMinutes(30));

        RunSummary summary = f.service().run();

        String daily = summary.trackOfTheDayId();
        assertThat(daily).isNotNull();
        assertThat(summary.toMap().get("channels")).isEqualTo(List.of("outbox"));
        assertThat(summary.posted()).extracting(p -> p.get("jobId")).containsExactly(shared.id(), daily);
        assertThat(f.keys("outbox/")).containsExactlyInAnyOrder(
                "outbox/2026-11-24/outbox/" + daily + ".json", "outbox/2026-11-24/outbox/" + shared.id() + ".json");
        assertThat(f.keys("teasers/")).contains("teasers/" + daily + ".mp3", "teasers/" + daily + ".jpg",
                "teasers/" + shared.id() + ".mp3", "teasers/" + shared.id() + ".jpg");
    }

    @Test
    void outboxPost_isWhatWouldHaveBeenPosted(AwsStack stack) {
        PublishFixture f = new PublishFixture(stack);
        f.clock.advance(Duration.ofMinutes(-30));
        Job shared = f.userTrack("{\"mode\":\"advanced\",\"prompt\":\"Dark <b>rolling</b> bass & sub, 124 BPM, 4 seconds\","
                + "\"share\":true}");
        f.clock.advance(Duration.ofMinutes(30));

        f.service().run();

        JsonNode post = f.json("outbox/2026-11-24/outbox/" + shared.id() + ".json");
        String link = PublishFixture.BASE_URL + "/?track=" + shared.id();
        assertThat(post.path("trackId").asText()).isEqualTo(shared.id());
        assertThat(post.path("channel").asText()).isEqualTo("outbox");
        assertThat(post.path("link").asText()).isEqualTo(link);
        assertThat(post.path("performer").asText()).isEqualTo("CloudMusic");
        assertThat(post.path("bpm").asInt()).isEqualTo(124);
        assertThat(post.path("key").asText()).isEqualTo(shared.spec().key());
        assertThat(post.path("prompt").asText()).isEqualTo("Dark <b>rolling</b> bass & sub, 124 BPM, 4 seconds");
        assertThat(post.path("text").asText()).contains("124 BPM", "Dark <b>rolling</b> bass & sub").endsWith(link);
        assertThat(post.path("captions").path("telegram").asText())
                .contains("&lt;b&gt;rolling&lt;/b&gt; bass &amp; sub").endsWith(link);
        assertThat(post.path("captions").path("discord").asText()).contains("bass & sub").endsWith(link);
        assertThat(post.path("audio").path("key").asText()).isEqualTo("teasers/" + shared.id() + ".mp3");
        assertThat(post.path("audio").path("bytes").asInt()).isEqualTo(f.object("teasers/" + shared.id() + ".mp3").length);
        assertThat(post.path("audio").path("fileName").asText()).endsWith(".mp3").contains("_teaser_");
        assertThat(post.path("audio").path("durationSeconds").asDouble()).isBetween(3.5, 4.5);
        assertThat(post.path("cover").path("key").asText()).isEqualTo("teasers/" + shared.id() + ".jpg");
        assertThat(post.path("cover").path("bytes").asInt()).isEqualTo(f.object("teasers/" + shared.id() + ".jpg").length);
        assertThat(Captions.plain(new Post(shared.id(), "t", "CloudMusic", "bass", 124, null, null, link, 1,
                new byte[0], "a.mp3", null, null))).endsWith(link);
    }

    @Test
    void run_neverPostsAReadyTrackWhoseOwnerDidNotOptIn(AwsStack stack) {
        PublishFixture f = new PublishFixture(stack);
        f.clock.advance(Duration.ofMinutes(-30));
        Job notShared = f.userTrack("{\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"bpm\":128,\"duration\":4}}");
        Job explicitlyNot = f.userTrack(
                "{\"mode\":\"guided\",\"params\":{\"type\":\"bass\",\"bpm\":120,\"duration\":4},\"share\":false}");
        Job shared = f.sharedBass();
        f.clock.advance(Duration.ofMinutes(30));

        RunSummary summary = f.service().run();

        assertThat(summary.posted()).extracting(p -> p.get("jobId"))
                .contains(shared.id()).doesNotContain(notShared.id(), explicitlyNot.id());
        assertThat(f.keys("")).noneMatch(key -> key.contains(notShared.id()) && !key.startsWith("tracks/"))
                .noneMatch(key -> key.contains(explicitlyNot.id()) && !key.startsWith("tracks/"));
        assertThat(f.items("delivery#" + notShared.id())).isEmpty();
    }

    @Test
    void run_refusesAJobInTheIndexWhoseShareFlagWasWithdrawn(AwsStack stack) {
        PublishFixture f = new PublishFixture(stack);
        f.clock.advance(Duration.ofMinutes(-30));
        Job shared = f.sharedBass();
        f.clock.advance(Duration.ofMinutes(30));
        // The index entry stays, but the job itself no longer says share: the job has the last word.
        stack.dynamoDb().updateItem(u -> u.tableName(stack.tableName())
                .key(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("job#" + shared.id()),
                        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("job")))
                .updateExpression("SET #share = :no")
                .expressionAttributeNames(Map.of("#share", "share"))
                .expressionAttributeValues(Map.of(":no",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool(false))));

        RunSummary summary = f.service().run();

        assertThat(summary.posted()).extracting(p -> p.get("jobId")).doesNotContain(shared.id());
        assertThat(summary.refused()).extracting(p -> p.get("jobId")).containsExactly(shared.id());
        assertThat(f.keys("outbox/")).noneMatch(key -> key.contains(shared.id()));
    }

    @Test
    void runTwice_postsNothingTheSecondTime_andMakesOneTrackOfTheDay(AwsStack stack) {
        PublishFixture f = new PublishFixture(stack);
        f.clock.advance(Duration.ofMinutes(-30));
        f.sharedBass();
        f.clock.advance(Duration.ofMinutes(30));
        RunSummary first = f.service().run();
        f.clock.advance(Duration.ofMinutes(5));

        RunSummary second = f.service().run();

        assertThat(first.posted()).hasSize(2);
        assertThat(second.posted()).isEmpty();
        assertThat(second.failed()).isEmpty();
        assertThat(second.trackOfTheDayId()).isEqualTo(first.trackOfTheDayId());
        assertThat(second.toMap().get("trackOfTheDay")).isEqualTo(Map.of("id", first.trackOfTheDayId(), "status", "existing"));
        assertThat(f.dailyJobs()).isEqualTo(1);
        assertThat(f.keys("outbox/")).hasSize(2);
    }

    @Test
    void nextDay_makesANewTrackOfTheDay_andPostsOnlyWhatIsNew(AwsStack stack) {
        PublishFixture f = new PublishFixture(stack);
        RunSummary first = f.service().run();
        f.clock.advance(Duration.ofHours(20));
        Job tonight = f.sharedBass();
        f.clock.advance(Duration.ofHours(4));

        RunSummary next = f.service().run();

        assertThat(next.trackOfTheDayId()).isNotEqualTo(first.trackOfTheDayId());
        assertThat(next.posted()).extracting(p -> p.get("jobId"))
                .containsExactlyInAnyOrder(tonight.id(), next.trackOfTheDayId());
        assertThat(f.dailyJobs()).isEqualTo(2);
        assertThat(f.keys("outbox/2026-11-25/")).hasSize(2);
    }

    @Test
    void trackOfTheDay_isStoredLikeAnyTrack_readyAndSharedWithItsFiles(AwsStack stack) {
        PublishFixture f = new PublishFixture(stack);

        String id = f.service().run().trackOfTheDayId();

        Job job = f.jobs.find(id).orElseThrow();
        assertThat(job.owner()).isEqualTo(TrackOfTheDay.SYSTEM_OWNER);
        assertThat(job.status()).isEqualTo(com.cloudmusic.tracks.TrackStatus.READY);
        assertThat(job.share()).isTrue();
        assertThat(job.spec()).isEqualTo(com.cloudmusic.tracks.SpecResolver.resolve(
                TrackOfTheDay.forDate(java.time.LocalDate.parse("2026-11-24")).request(),
                TrackOfTheDay.forDate(java.time.LocalDate.parse("2026-11-24")).seed()));
        assertThat(f.keys("tracks/" + id)).containsExactly("tracks/" + id + ".mid", "tracks/" + id + ".mp3",
                "tracks/" + id + ".png", "tracks/" + id + ".wav");
        assertThat(f.items("daily#2026-11-24")).singleElement()
                .satisfies(item -> assertThat(item.get("trackId").s()).isEqualTo(id))
                .satisfies(item -> assertThat(item.get("status").s()).isEqualTo("ready"));
    }

    @Test
    void trackOfTheDay_isRecordedAsChargedToNobody(AwsStack stack) {
        PublishFixture f = new PublishFixture(stack);

        String id = f.service().run().trackOfTheDayId();

        assertThat(f.jobs.find(id).orElseThrow().charge()).isEqualTo(com.cloudmusic.quota.Charge.none());
    }
}
