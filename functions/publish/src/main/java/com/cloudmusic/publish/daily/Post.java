package com.cloudmusic.publish.daily;

import java.util.Objects;

/**
 * One track of the day as the channels post it: the teaser audio, an optional cover and the words
 * around them. The byte arrays are handed over, not copied (teasers are large); do not change them
 * afterwards.
 *
 * @param trackId         the job id of the track
 * @param title           audio title shown by players
 * @param performer       audio performer, "CloudMusic"
 * @param type            loop type or style, e.g. "bass"
 * @param bpm             tempo in beats per minute
 * @param key             musical key such as "F#m", or null when the track has none
 * @param prompt          the prompt of an advanced track, or null
 * @param link            absolute URL of the track on PUBLIC_BASE_URL
 * @param durationSeconds length of the attached teaser audio
 * @param teaserMp3       the teaser, MP3
 * @param teaserFileName  file name of the teaser upload
 * @param cover           cover image, JPEG, or null
 * @param coverFileName   file name of the cover upload; required when {@code cover} is present
 */
public record Post(
        String trackId,
        String title,
        String performer,
        String type,
        int bpm,
        String key,
        String prompt,
        String link,
        double durationSeconds,
        byte[] teaserMp3,
        String teaserFileName,
        byte[] cover,
        String coverFileName) {

    public Post {
        Objects.requireNonNull(trackId, "trackId == null");
        Objects.requireNonNull(title, "title == null");
        Objects.requireNonNull(performer, "performer == null");
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(link, "link == null");
        Objects.requireNonNull(teaserMp3, "teaserMp3 == null");
        Objects.requireNonNull(teaserFileName, "teaserFileName == null");
        if (bpm <= 0) {
            throw new IllegalArgumentException("bpm must be positive: " + bpm);
        }
        if (!(durationSeconds >= 0)) {
            throw new IllegalArgumentException("durationSeconds must be >= 0: " + durationSeconds);
        }
        if (cover != null && coverFileName == null) {
            throw new IllegalArgumentException("coverFileName == null while cover is present");
        }
    }

    public boolean hasCover() {
        return cover != null;
    }
}
