package com.cloudmusic.audio;

import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.MusicalKey;
import com.cloudmusic.loop.RenderedLoop;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The one WAV writer every engine's output goes through: PCM 16-bit, 44.1 kHz, stereo, with an
 * {@code acid} chunk (tempo, beats, root note, loop flag), a {@code smpl} chunk (loop points, MIDI unity
 * note) and {@code LIST/INFO} (title, software) so DAWs import it in sync.
 */
public final class WavWriter {

    public static final String SOFTWARE = "CloudMusic";
    private static final int CHANNELS = 2;
    private static final int BITS = 16;

    private WavWriter() {
    }

    /** Metadata written next to the samples. */
    public record Info(String title, String comment) {
    }

    public static byte[] write(RenderedLoop loop, Info info) {
        int frames = loop.frames();
        int dataBytes = frames * CHANNELS * BITS / 8;
        MusicalKey key = MusicalKey.tryParse(loop.key()).orElse(new MusicalKey(0, false));
        int rootNote = key.midiNote(3);

        ByteArrayOutputStream out = new ByteArrayOutputStream(dataBytes + 512);
        out.writeBytes(fmtChunk());
        out.writeBytes(acidChunk(loop, rootNote));
        out.writeBytes(smplChunk(frames, rootNote, loop.oneShot()));
        out.writeBytes(infoChunk(info));
        out.writeBytes(dataChunk(loop, dataBytes));
        byte[] body = out.toByteArray();

        ByteBuffer riff = le(12 + body.length);
        riff.put(ascii("RIFF")).putInt(4 + body.length).put(ascii("WAVE")).put(body);
        return riff.array();
    }

    private static byte[] fmtChunk() {
        ByteBuffer b = le(8 + 16);
        b.put(ascii("fmt ")).putInt(16);
        b.putShort((short) 1) // PCM
                .putShort((short) CHANNELS)
                .putInt(LoopSpec.SAMPLE_RATE)
                .putInt(LoopSpec.SAMPLE_RATE * CHANNELS * BITS / 8)
                .putShort((short) (CHANNELS * BITS / 8))
                .putShort((short) BITS);
        return b.array();
    }

    // Layout as Acidizer writes it: flags, root note, two reserved fields, beats, meter, tempo.
    private static byte[] acidChunk(RenderedLoop loop, int rootNote) {
        int flags = 0x02 | 0x04; // root note set, stretch
        if (loop.oneShot()) {
            flags |= 0x01;
        }
        ByteBuffer b = le(8 + 24);
        b.put(ascii("acid")).putInt(24);
        b.putInt(flags)
                .putShort((short) rootNote)
                .putShort((short) 0x8000)
                .putFloat(0f)
                .putInt(loop.bars() * 4)
                .putShort((short) 4) // meter denominator
                .putShort((short) 4) // meter numerator
                .putFloat((float) loop.bpm());
        return b.array();
    }

    private static byte[] smplChunk(int frames, int rootNote, boolean oneShot) {
        int loops = oneShot ? 0 : 1;
        int size = 36 + 24 * loops;
        ByteBuffer b = le(8 + size);
        b.put(ascii("smpl")).putInt(size);
        b.putInt(0).putInt(0) // manufacturer, product
                .putInt(Math.round(1_000_000_000f / LoopSpec.SAMPLE_RATE))
                .putInt(rootNote)
                .putInt(0) // pitch fraction
                .putInt(0).putInt(0) // SMPTE format and offset
                .putInt(loops)
                .putInt(0); // sampler data
        if (loops == 1) {
            b.putInt(0) // cue point id
                    .putInt(0) // forward loop
                    .putInt(0) // start frame
                    .putInt(frames - 1) // end frame, inclusive
                    .putInt(0) // fraction
                    .putInt(0); // play forever
        }
        return b.array();
    }

    private static byte[] infoChunk(Info info) {
        ByteArrayOutputStream sub = new ByteArrayOutputStream();
        sub.writeBytes(ascii("INFO"));
        sub.writeBytes(infoEntry("INAM", info.title()));
        sub.writeBytes(infoEntry("ISFT", SOFTWARE));
        if (info.comment() != null && !info.comment().isBlank()) {
            sub.writeBytes(infoEntry("ICMT", info.comment()));
        }
        byte[] content = sub.toByteArray();
        ByteBuffer b = le(8 + content.length);
        b.put(ascii("LIST")).putInt(content.length).put(content);
        return b.array();
    }

    private static byte[] infoEntry(String id, String text) {
        byte[] value = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
        int size = value.length + 1; // NUL terminated
        int padded = size + (size & 1);
        ByteBuffer b = le(8 + padded);
        b.put(ascii(id)).putInt(size).put(value);
        return b.array();
    }

    private static byte[] dataChunk(RenderedLoop loop, int dataBytes) {
        ByteBuffer b = le(8 + dataBytes);
        b.put(ascii("data")).putInt(dataBytes);
        float[] left = loop.left();
        float[] right = loop.right();
        for (int i = 0; i < left.length; i++) {
            b.putShort(toPcm16(left[i]));
            b.putShort(toPcm16(right[i]));
        }
        return b.array();
    }

    static short toPcm16(float sample) {
        float clamped = Math.max(-1f, Math.min(1f, sample));
        return (short) Math.round(clamped * 32767f);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
