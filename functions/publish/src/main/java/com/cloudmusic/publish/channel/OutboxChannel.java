package com.cloudmusic.publish.channel;

import com.cloudmusic.json.Json;
import com.cloudmusic.publish.daily.Channel;
import com.cloudmusic.publish.daily.DeliveryOutcome;
import com.cloudmusic.publish.daily.Post;
import com.cloudmusic.publish.daily.PublishFiles;
import com.cloudmusic.publish.teaser.Teaser;
import com.cloudmusic.quota.UtcDay;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Posts into the bucket instead of the world: one JSON document per track under
 * {@code outbox/<date>/outbox/<trackId>.json} with the text, the captions each channel would get and the
 * keys of the teaser and cover. The default when no channel is configured, so a run can be inspected.
 */
public final class OutboxChannel implements Channel {

    public static final String NAME = "outbox";

    private final PublishFiles files;
    private final Clock clock;

    public OutboxChannel(PublishFiles files, Clock clock) {
        this.files = Objects.requireNonNull(files, "files == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** The key of a track's post on a UTC day. */
    public static String key(String date, String trackId) {
        return "outbox/" + date + "/" + NAME + "/" + trackId + ".json";
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DeliveryOutcome post(Post post) {
        Objects.requireNonNull(post, "post == null");
        String key = key(UtcDay.of(clock.instant()), post.trackId());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("trackId", post.trackId());
        document.put("channel", NAME);
        document.put("createdAt", clock.instant().toString());
        document.put("text", Captions.plain(post));
        document.put("title", post.title());
        document.put("performer", post.performer());
        document.put("type", post.type());
        document.put("bpm", post.bpm());
        document.put("key", post.key());
        document.put("prompt", post.prompt());
        document.put("link", post.link());
        Map<String, Object> captions = new LinkedHashMap<>();
        captions.put("telegram", Captions.telegram(post));
        captions.put("discord", Captions.discord(post));
        document.put("captions", captions);
        Map<String, Object> audio = new LinkedHashMap<>();
        audio.put("key", Teaser.mp3Key(post.trackId()));
        audio.put("fileName", post.teaserFileName());
        audio.put("contentType", "audio/mpeg");
        audio.put("bytes", post.teaserMp3().length);
        audio.put("durationSeconds", post.durationSeconds());
        document.put("audio", audio);
        if (post.hasCover()) {
            Map<String, Object> cover = new LinkedHashMap<>();
            cover.put("key", Teaser.coverKey(post.trackId()));
            cover.put("fileName", post.coverFileName());
            cover.put("contentType", "image/jpeg");
            cover.put("bytes", post.cover().length);
            document.put("cover", cover);
        }
        try {
            files.saveJson(key, Json.write(document).getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // The bucket may be back on the next run.
            return DeliveryOutcome.failedTransient("outbox write failed: " + e.getClass().getSimpleName());
        }
        return DeliveryOutcome.posted(key);
    }
}
