package com.cloudmusic.publish.channel;

import com.cloudmusic.publish.daily.Post;
import java.nio.charset.StandardCharsets;

/** Post fixtures. */
final class Posts {
    static final byte[] MP3 = "ID3-fake-mp3".getBytes(StandardCharsets.US_ASCII);
    static final byte[] JPEG = new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
    static final String LINK = "https://cloudmusic.example/t/0f8e2c1a-3b4d-4e5f-8a9b-0c1d2e3f4a5b?utm=a&b=c";

    private Posts() {
    }

    static Post withPrompt(String prompt) {
        return new Post("0f8e2c1a-3b4d-4e5f-8a9b-0c1d2e3f4a5b", "Bass loop 120 BPM F#m", "CloudMusic", "bass",
                120, "F#m", prompt, LINK, 14.6, MP3, "cloudmusic_bass_120bpm_F#m_8bar_0f8e2c1a.mp3",
                JPEG, "cover.jpg");
    }

    static Post sample() {
        return withPrompt("Dark <b>rolling</b> bass & sub");
    }

    static Post withoutCover() {
        Post p = sample();
        return new Post(p.trackId(), p.title(), p.performer(), p.type(), p.bpm(), p.key(), p.prompt(), p.link(),
                p.durationSeconds(), p.teaserMp3(), p.teaserFileName(), null, null);
    }

    static Post withTeaser(byte[] teaser) {
        Post p = sample();
        return new Post(p.trackId(), p.title(), p.performer(), p.type(), p.bpm(), p.key(), p.prompt(), p.link(),
                p.durationSeconds(), teaser, p.teaserFileName(), p.cover(), p.coverFileName());
    }
}
