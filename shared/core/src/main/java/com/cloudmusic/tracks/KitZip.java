package com.cloudmusic.tracks;

import com.cloudmusic.loop.KitPart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A kit's download: every part's WAV and MIDI in one ZIP, named as sample packs name them
 * ({@link TrackNames#kitFileName}). WAVs are stored (deflate saves little on audio and costs time), MIDI
 * is deflated; entry times are fixed, so the same kit gives the same bytes.
 */
public final class KitZip {

    /** 1 January 2026, UTC: any fixed time will do, a varying one would change the bytes. */
    private static final long ENTRY_TIME = 1_767_225_600_000L;

    private KitZip() {
    }

    /** One part's files: the WAV, and the MIDI when the part has notes (null otherwise). */
    public record PartFiles(byte[] wav, byte[] mid) {

        public PartFiles {
            Objects.requireNonNull(wav, "wav == null");
        }
    }

    /**
     * @param parts the files by part, in the order the ZIP lists them
     */
    public static byte[] write(String kitId, int bpm, String key, Map<KitPart, PartFiles> parts) {
        Objects.requireNonNull(kitId, "kitId == null");
        Objects.requireNonNull(parts, "parts == null");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(
                parts.values().stream().mapToInt(p -> p.wav().length + 512).sum() + 4096);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<KitPart, PartFiles> part : parts.entrySet()) {
                stored(zip, TrackNames.kitFileName(kitId, part.getKey(), bpm, key, "wav"), part.getValue().wav());
                if (part.getValue().mid() != null) {
                    ZipEntry entry = new ZipEntry(TrackNames.kitFileName(kitId, part.getKey(), bpm, key, "mid"));
                    entry.setTime(ENTRY_TIME);
                    zip.putNextEntry(entry);
                    zip.write(part.getValue().mid());
                    zip.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        entry.setTime(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }
}
