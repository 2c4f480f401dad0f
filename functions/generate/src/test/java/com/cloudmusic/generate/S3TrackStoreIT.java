package com.cloudmusic.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudmusic.aws.S3TrackStore;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.loop.LoopFiles;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.tracks.TrackFile;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** The track store's uploads, made side by side, on the S3 emulator. */
@ExtendWith(AwsEmulatorsExtension.class)
class S3TrackStoreIT {

    private static final LoopFiles FILES = new LoopFiles(bytes("wav"), bytes("mp3"), bytes("png"), bytes("mid"));

    @Test
    void save_storesEveryFileUnderItsKey_beforeItReturns(AwsStack stack) {
        S3TrackStore store = new S3TrackStore(stack.s3(), stack.presigner(), stack.bucketName());
        String trackId = UUID.randomUUID().toString();

        store.save(trackId, FILES);

        assertThat(store.read(trackId, TrackFile.WAV)).isEqualTo(FILES.wav());
        assertThat(store.read(trackId, TrackFile.MP3)).isEqualTo(FILES.mp3());
        assertThat(store.read(trackId, TrackFile.PNG)).isEqualTo(FILES.png());
        assertThat(store.read(trackId, TrackFile.MID)).isEqualTo(FILES.mid());
    }

    @Test
    void save_throwsTheServicesOwnError_whenAnUploadFails(AwsStack stack) {
        S3TrackStore store = new S3TrackStore(stack.s3(), stack.presigner(), "no-such-bucket-" + UUID.randomUUID());

        assertThatThrownBy(() -> store.save(UUID.randomUUID().toString(), FILES))
                .isInstanceOf(NoSuchBucketException.class);
    }

    private static byte[] bytes(String text) {
        return (text + " of a test track").getBytes(StandardCharsets.UTF_8);
    }
}
