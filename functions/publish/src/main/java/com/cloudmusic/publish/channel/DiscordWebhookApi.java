package com.cloudmusic.publish.channel;

import com.cloudmusic.outbound.HttpStatusException;
import java.io.IOException;
import java.util.List;

/** A Discord incoming webhook, the one call a channel post needs ({@link OkHttpDiscordWebhookApi} runs it). */
public interface DiscordWebhookApi {

    /**
     * Executes the webhook with {@code ?wait=true}: {@code payload_json} plus {@code files[n]} attachments.
     *
     * @return the created message's id
     * @throws HttpStatusException Discord's error ({@code message}, {@code code}, and {@code retry_after}
     *                             or {@code Retry-After} for a 429), or an unreadable success
     */
    String execute(String payloadJson, List<Upload> files) throws IOException, HttpStatusException;
}
