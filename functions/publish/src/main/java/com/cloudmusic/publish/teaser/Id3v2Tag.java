package com.cloudmusic.publish.teaser;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An ID3v2.3 tag written in front of an MP3 (id3.org, "ID3 tag version 2.3.0"): text frames (TIT2,
 * TPE1, TBPM, TKEY, TLEN...) and an attached front cover (APIC). No unsynchronisation, no extended
 * header, no padding. Text that fits ISO-8859-1 is written as such, anything else as UTF-16 with a BOM,
 * the two encodings version 2.3 knows.
 */
public final class Id3v2Tag {

    private static final byte LATIN1 = 0;
    private static final byte UTF16_BOM = 1;
    /** Syncsafe sizes hold 28 bits. */
    private static final int MAX_TAG_SIZE = (1 << 28) - 1;

    private final ByteArrayOutputStream frames = new ByteArrayOutputStream(1024);

    /** Adds a text information frame, e.g. {@code text("TIT2", "Bass loop")}; null or blank values are left out. */
    public Id3v2Tag text(String frameId, String value) {
        requireFrameId(frameId);
        if (frameId.charAt(0) != 'T' || frameId.equals("TXXX")) {
            throw new IllegalArgumentException("not a text information frame: " + frameId);
        }
        if (value == null || value.isBlank()) {
            return this;
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        writeText(content, value);
        return frame(frameId, content.toByteArray());
    }

    /** Adds the front cover picture (APIC, picture type 3). */
    public Id3v2Tag frontCover(String mimeType, byte[] picture) {
        Objects.requireNonNull(mimeType, "mimeType == null");
        Objects.requireNonNull(picture, "picture == null");
        ByteArrayOutputStream content = new ByteArrayOutputStream(picture.length + 32);
        content.write(LATIN1);
        content.writeBytes(mimeType.getBytes(StandardCharsets.ISO_8859_1));
        content.write(0);
        content.write(0x03); // picture type: cover (front)
        content.write(0); // empty description, terminated
        content.writeBytes(picture);
        return frame("APIC", content.toByteArray());
    }

    /** The tag: a 10-byte header and the frames. */
    public byte[] bytes() {
        byte[] body = frames.toByteArray();
        if (body.length > MAX_TAG_SIZE) {
            throw new IllegalStateException("tag too large: " + body.length + " bytes");
        }
        ByteArrayOutputStream tag = new ByteArrayOutputStream(10 + body.length);
        tag.writeBytes(new byte[] {'I', 'D', '3', 3, 0, 0});
        tag.writeBytes(syncsafe(body.length));
        tag.writeBytes(body);
        return tag.toByteArray();
    }

    /** The tag followed by the MP3 frames. */
    public byte[] prependTo(byte[] mp3) {
        byte[] tag = bytes();
        byte[] tagged = new byte[tag.length + mp3.length];
        System.arraycopy(tag, 0, tagged, 0, tag.length);
        System.arraycopy(mp3, 0, tagged, tag.length, mp3.length);
        return tagged;
    }

    private Id3v2Tag frame(String frameId, byte[] content) {
        frames.writeBytes(frameId.getBytes(StandardCharsets.US_ASCII));
        // Version 2.3 frame sizes are plain big-endian integers (2.4 made them syncsafe).
        frames.writeBytes(new byte[] {
                (byte) (content.length >>> 24), (byte) (content.length >>> 16),
                (byte) (content.length >>> 8), (byte) content.length});
        frames.writeBytes(new byte[] {0, 0}); // flags
        frames.writeBytes(content);
        return this;
    }

    private static void writeText(ByteArrayOutputStream out, String value) {
        if (StandardCharsets.ISO_8859_1.newEncoder().canEncode(value)) {
            out.write(LATIN1);
            out.writeBytes(value.getBytes(StandardCharsets.ISO_8859_1));
        } else {
            out.write(UTF16_BOM);
            out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE});
            out.writeBytes(value.getBytes(StandardCharsets.UTF_16LE));
        }
    }

    private static byte[] syncsafe(int size) {
        return new byte[] {(byte) (size >>> 21 & 0x7F), (byte) (size >>> 14 & 0x7F), (byte) (size >>> 7 & 0x7F),
                (byte) (size & 0x7F)};
    }

    private static void requireFrameId(String frameId) {
        if (frameId == null || !frameId.matches("[A-Z0-9]{4}")) {
            throw new IllegalArgumentException("not an ID3v2.3 frame id: " + frameId);
        }
    }
}
