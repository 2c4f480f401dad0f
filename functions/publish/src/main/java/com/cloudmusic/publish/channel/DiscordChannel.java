package com.cloudmusic.publish.channel;

import com.cloudmusic.json.Json;
import com.cloudmusic.outbound.Retrier;
import com.cloudmusic.outbound.RetryPolicy;
import com.cloudmusic.outbound.Sleeper;
import com.cloudmusic.publish.daily.Channel;
import com.cloudmusic.publish.daily.DeliveryOutcome;
import com.cloudmusic.publish.daily.Post;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * Posts the teaser to a Discord channel through an incoming webhook ({@code ?wait=true}, so the
 * answer carries the message id), with the MP3 and optional cover as attachments.
 */
public final class DiscordChannel implements Channel {

    public static final String NAME = "discord";

    /** Discord's default upload limit, applied to all attachments of one message together. */
    static final long MAX_UPLOAD_BYTES = 10L * 1024 * 1024;

    private static final String USERNAME = "CloudMusic";
    private static final String MPEG = "audio/mpeg";
    private static final String JPEG = "image/jpeg";

    private final DiscordWebhookApi api;
    private final Retrier retrier;
    private final ObjectMapper json = Json.mapper();

    public DiscordChannel(DiscordWebhookApi api, Retrier retrier) {
        this.api = Objects.requireNonNull(api, "api == null");
        this.retrier = Objects.requireNonNull(retrier, "retrier == null");
    }

    /**
     * @param webhookUrl full webhook URL (DISCORD_WEBHOOK_URL); it holds the webhook token, so it is
     *                   never logged or put into an outcome
     */
    public DiscordChannel(OkHttpClient http, String webhookUrl, RetryPolicy retryPolicy, Sleeper sleeper) {
        this(new OkHttpDiscordWebhookApi(http, webhookUrl), new Retrier(retryPolicy, sleeper, Clock.systemUTC()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DeliveryOutcome post(Post post) {
        Objects.requireNonNull(post, "post == null");
        long size = post.teaserMp3().length + (post.hasCover() ? post.cover().length : 0L);
        if (size > MAX_UPLOAD_BYTES) {
            return DeliveryOutcome.failedPermanent("attachments are " + size + " bytes, over Discord's "
                    + MAX_UPLOAD_BYTES + " byte upload limit");
        }
        String payload = payload(post);
        List<Upload> files = post.hasCover()
                ? List.of(new Upload(post.teaserFileName(), MPEG, post.teaserMp3()),
                        new Upload(post.coverFileName(), JPEG, post.cover()))
                : List.of(new Upload(post.teaserFileName(), MPEG, post.teaserMp3()));
        return Deliveries.run(retrier, () -> api.execute(payload, files));
    }

    private String payload(Post post) {
        ObjectNode payload = json.createObjectNode()
                .put("content", Captions.discord(post))
                .put("username", USERNAME);
        // No pings, whatever the prompt says.
        payload.putObject("allowed_mentions").putArray("parse");
        ArrayNode attachments = payload.putArray("attachments");
        attachments.addObject().put("id", 0).put("filename", post.teaserFileName());
        if (post.hasCover()) {
            attachments.addObject().put("id", 1).put("filename", post.coverFileName());
        }
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write payload_json", e);
        }
    }
}
