package com.cloudmusic.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.audio.Renditions;
import com.cloudmusic.audio.WavFile;
import com.cloudmusic.aws.DynamoJobStore;
import com.cloudmusic.aws.S3TrackStore;
import com.cloudmusic.engine.ToneEngine;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.MusicEngine;
import com.cloudmusic.loop.RenderedLoop;
import com.cloudmusic.testkit.ApiEvents;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.tracks.GenerationService;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Reading tracks back: states, the caller's list, and presigned downloads that really download. */
@ExtendWith(AwsEmulatorsExtension.class)
class TrackReadIT {

    @Test
    void track_isQueuedAfterPost_andAudioIs409UntilReady(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);
        String id = RequestFixture.json(api.post(RequestFixture.GUIDED)).at("/track/id").asText();

        JsonNode track = RequestFixture.json(api.get("/v1/tracks/" + id));
        APIGatewayV2HTTPResponse audio = api.get("/v1/tracks/" + id + "/audio");

        assertThat(track.at("/status").asText()).isEqualTo("queued");
        assertThat(track.at("/bpm").asInt()).isEqualTo(124);
        assertThat(track.at("/bars").asInt()).isEqualTo(2);
        assertThat(track.at("/seed").asText()).isNotBlank();
        assertThat(track.has("audioUrl")).isFalse();
        assertThat(audio.getStatusCode()).isEqualTo(409);
        assertThat(RequestFixture.json(audio).at("/error/code").asText()).isEqualTo("not_ready");
    }

    @Test
    void audio_redirectsToAPresignedUrl_thatDownloadsTheWavUnderItsDawName(AwsStack stack) throws Exception {
        RequestFixture api = new RequestFixture(stack);
        String id = RequestFixture.json(api.post(RequestFixture.GUIDED)).at("/track/id").asText();
        generate(stack, id);

        APIGatewayV2HTTPResponse redirect = api.get("/v1/tracks/" + id + "/audio");

        assertThat(redirect.getStatusCode()).isEqualTo(302);
        String location = redirect.getHeaders().get("location");
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(location)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("content-disposition").orElse(""))
                .matches("attachment; filename=\"cloudmusic_bass_124bpm_[A-Za-z]+_2bar_[0-9a-f]{8}\\.wav\"");
        WavFile wav = WavFile.parse(download.body());
        assertThat(wav.sampleRate()).isEqualTo(44_100);
        assertThat(wav.channels()).isEqualTo(2);
        assertThat(wav.frames()).isEqualTo(LoopSpec.framesFor(124, 2));
    }

    @Test
    void audio_refusesATamperedPresignedUrl(AwsStack stack) throws Exception {
        RequestFixture api = new RequestFixture(stack);
        String id = RequestFixture.json(api.post(RequestFixture.GUIDED)).at("/track/id").asText();
        generate(stack, id);
        String location = api.get("/v1/tracks/" + id + "/audio").getHeaders().get("location");

        String otherKey = location.replace("tracks/" + id + ".wav", "tracks/" + id + ".png");
        int status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(otherKey)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();

        assertThat(status).isEqualTo(403);
    }

    @Test
    void list_showsOnlyTheCallersTracks_newestFirst(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);
        String first = RequestFixture.json(api.post(RequestFixture.GUIDED)).at("/track/id").asText();
        api.clock.advance(java.time.Duration.ofSeconds(5));
        String second = RequestFixture.json(api.post(RequestFixture.GUIDED)).at("/track/id").asText();
        api.send(ApiEvents.postJson("/v1/tracks", RequestFixture.GUIDED, "192.0.2.99", "OtherAgent/1.0"));

        JsonNode list = RequestFixture.json(api.get("/v1/tracks?limit=10"));

        assertThat(list.at("/tracks").size()).isEqualTo(2);
        assertThat(list.at("/tracks/0/id").asText()).isEqualTo(second);
        assertThat(list.at("/tracks/1/id").asText()).isEqualTo(first);
    }

    @Test
    void readyTrack_carriesItsAudioUrlAndEngine(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);
        String id = RequestFixture.json(api.post(RequestFixture.GUIDED)).at("/track/id").asText();
        generate(stack, id);

        JsonNode track = RequestFixture.json(api.get("/v1/tracks/" + id));

        assertThat(track.at("/status").asText()).isEqualTo("ready");
        assertThat(track.at("/audioUrl").asText()).isEqualTo("/v1/tracks/" + id + "/audio");
        assertThat(track.at("/engine").asText()).isEqualTo("tone");
        assertThat(track.at("/fileName").asText()).startsWith("cloudmusic_bass_124bpm_");
    }

    @Test
    void post_givesTheUnitBack_andAnswers503_whenTheQueueIsUnreachable(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack, Map.of("QUEUE_URL", stack.queueUrl() + "-missing"));

        APIGatewayV2HTTPResponse response = api.post(RequestFixture.GUIDED);

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(RequestFixture.json(response).at("/error/code").asText()).isEqualTo("service_unavailable");
        JsonNode quota = api.quota();
        assertThat(quota.at("/freeRemaining").asInt()).isEqualTo(4);
        // The in-flight slot came back too: three more requests are accepted by a working queue.
        RequestFixture working = new RequestFixture(stack);
        for (int i = 0; i < 3; i++) {
            assertThat(working.post(RequestFixture.GUIDED).getStatusCode()).isEqualTo(202);
        }
    }

    @Test
    void midi_isListedInFormats_andRedirectsToTheStoredFile_whenTheEngineKnowsTheNotes(AwsStack stack) throws Exception {
        RequestFixture api = new RequestFixture(stack);
        String id = RequestFixture.json(api.post(RequestFixture.GUIDED)).at("/track/id").asText();
        byte[] notes = oneNoteMidi();
        generate(stack, id, new ToneEngineWithNotes(notes));

        JsonNode track = RequestFixture.json(api.get("/v1/tracks/" + id));
        APIGatewayV2HTTPResponse redirect = api.get("/v1/tracks/" + id + "/audio?format=mid");

        assertThat(track.at("/formats").toString()).isEqualTo("[\"wav\",\"mp3\",\"mid\"]");
        assertThat(track.at("/midiUrl").asText()).isEqualTo("/v1/tracks/" + id + "/audio?format=mid");
        assertThat(redirect.getStatusCode()).isEqualTo(302);
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(redirect.getHeaders().get("location"))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("content-type")).hasValue("audio/midi");
        assertThat(download.headers().firstValue("content-disposition").orElse(""))
                .matches("attachment; filename=\"cloudmusic_bass_124bpm_[A-Za-z]+_2bar_[0-9a-f]{8}\\.mid\"");
        assertThat(download.body()).isEqualTo(notes);
    }

    @Test
    void midi_isNotListed_andAnswers404_forAnEngineThatDoesNotKnowTheNotes(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);
        String id = RequestFixture.json(api.post(RequestFixture.GUIDED)).at("/track/id").asText();
        generate(stack, id);

        JsonNode track = RequestFixture.json(api.get("/v1/tracks/" + id));
        APIGatewayV2HTTPResponse midi = api.get("/v1/tracks/" + id + "/audio?format=mid");

        assertThat(track.at("/formats").toString()).isEqualTo("[\"wav\",\"mp3\"]");
        assertThat(track.has("midiUrl")).isFalse();
        assertThat(midi.getStatusCode()).isEqualTo(404);
        assertThat(RequestFixture.json(midi).at("/error/code").asText()).isEqualTo("not_found");
    }

    @Test
    void midi_is409_untilTheTrackIsReady(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);
        String id = RequestFixture.json(api.post(RequestFixture.GUIDED)).at("/track/id").asText();

        APIGatewayV2HTTPResponse midi = api.get("/v1/tracks/" + id + "/audio?format=mid");

        assertThat(midi.getStatusCode()).isEqualTo(409);
        assertThat(RequestFixture.json(api.get("/v1/tracks/" + id)).at("/formats").size()).isZero();
    }

    @Test
    void audio_rejectsAnUnknownFormat_namingTheField(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);
        String id = RequestFixture.json(api.post(RequestFixture.GUIDED)).at("/track/id").asText();

        APIGatewayV2HTTPResponse response = api.get("/v1/tracks/" + id + "/audio?format=flac");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(RequestFixture.json(response).at("/error/field").asText()).isEqualTo("format");
    }

    /** The tone engine's audio with a MIDI file attached, as the procedural engine attaches its score's. */
    private record ToneEngineWithNotes(byte[] midi) implements MusicEngine {
        @Override
        public String name() {
            return "tone";
        }

        @Override
        public RenderedLoop render(LoopSpec spec, EngineContext context) {
            return new ToneEngine().render(spec, context).withMidi(midi);
        }
    }

    private static byte[] oneNoteMidi() throws Exception {
        javax.sound.midi.Sequence sequence = new javax.sound.midi.Sequence(javax.sound.midi.Sequence.PPQ, 480);
        javax.sound.midi.Track track = sequence.createTrack();
        track.add(new javax.sound.midi.MidiEvent(
                new javax.sound.midi.ShortMessage(javax.sound.midi.ShortMessage.NOTE_ON, 0, 45, 100), 0));
        track.add(new javax.sound.midi.MidiEvent(
                new javax.sound.midi.ShortMessage(javax.sound.midi.ShortMessage.NOTE_OFF, 0, 45, 0), 480));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.sound.midi.MidiSystem.write(sequence, 1, out);
        return out.toByteArray();
    }

    /** Runs the generate side for one job with the tone engine, as the generate function would. */
    private static void generate(AwsStack stack, String id) {
        generate(stack, id, new ToneEngine());
    }

    private static void generate(AwsStack stack, String id, MusicEngine engine) {
        var service = new GenerationService(new DynamoJobStore(stack.dynamoDb(), stack.tableName()),
                new S3TrackStore(stack.s3(), stack.presigner(), stack.bucketName()), engine,
                Renditions.ENCODER, java.time.Clock.systemUTC());
        assertThat(service.process(id, 1).result()).isEqualTo("ready");
    }
}
