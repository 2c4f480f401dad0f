package com.cloudmusic.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed RIFF/WAVE file: its format, its chunks by id, and its PCM data. Reads what the
 * {@link WavWriter} writes and what models return (PCM 16/24/32-bit integer or 32-bit float, any rate
 * and channel count).
 */
public final class WavFile {

    private final int formatTag;
    private final int channels;
    private final int sampleRate;
    private final int bitsPerSample;
    private final Map<String, byte[]> chunks;

    private WavFile(int formatTag, int channels, int sampleRate, int bitsPerSample, Map<String, byte[]> chunks) {
        this.formatTag = formatTag;
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.bitsPerSample = bitsPerSample;
        this.chunks = chunks;
    }

    /** Parses the bytes; throws IllegalArgumentException naming what is wrong. */
    public static WavFile parse(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !"RIFF".equals(id(b, 0)) || !"WAVE".equals(id(b, 8))) {
            throw new IllegalArgumentException("not a RIFF/WAVE file");
        }
        Map<String, byte[]> chunks = new LinkedHashMap<>();
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            String id = id(b, pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int start = pos + 8;
            int end = (int) Math.min(bytes.length, start + size);
            byte[] body = new byte[end - start];
            System.arraycopy(bytes, start, body, 0, body.length);
            chunks.putIfAbsent(id, body);
            pos = end + (int) (size & 1);
        }
        byte[] fmt = chunks.get("fmt ");
        if (fmt == null || fmt.length < 16) {
            throw new IllegalArgumentException("missing fmt chunk");
        }
        if (!chunks.containsKey("data")) {
            throw new IllegalArgumentException("missing data chunk");
        }
        ByteBuffer f = ByteBuffer.wrap(fmt).order(ByteOrder.LITTLE_ENDIAN);
        int tag = Short.toUnsignedInt(f.getShort(0));
        if (tag == 0xFFFE && fmt.length >= 26) { // WAVE_FORMAT_EXTENSIBLE: the sub-format's first two bytes
            tag = Short.toUnsignedInt(f.getShort(24));
        }
        int channels = Short.toUnsignedInt(f.getShort(2));
        int rate = f.getInt(4);
        int bits = Short.toUnsignedInt(f.getShort(14));
        if (channels < 1 || rate < 1) {
            throw new IllegalArgumentException("bad fmt chunk");
        }
        if (!(tag == 1 && (bits == 8 || bits == 16 || bits == 24 || bits == 32)) && !(tag == 3 && bits == 32)) {
            throw new IllegalArgumentException("unsupported WAV encoding: format " + tag + ", " + bits + " bits");
        }
        return new WavFile(tag, channels, rate, bits, chunks);
    }

    private static String id(ByteBuffer b, int at) {
        byte[] raw = new byte[4];
        for (int i = 0; i < 4; i++) {
            raw[i] = b.get(at + i);
        }
        return new String(raw, StandardCharsets.US_ASCII);
    }

    public int formatTag() {
        return formatTag;
    }

    public int channels() {
        return channels;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int bitsPerSample() {
        return bitsPerSample;
    }

    public Optional<byte[]> chunk(String id) {
        return Optional.ofNullable(chunks.get(id));
    }

    public Map<String, byte[]> chunks() {
        return Map.copyOf(chunks);
    }

    public int frames() {
        return chunks.get("data").length / (channels * bitsPerSample / 8);
    }

    /** Samples per channel as floats in [-1, 1]: result[channel][frame]. */
    public float[][] samples() {
        byte[] data = chunks.get("data");
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int bytesPerSample = bitsPerSample / 8;
        int frames = frames();
        float[][] out = new float[channels][frames];
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                int at = (i * channels + c) * bytesPerSample;
                out[c][i] = sampleAt(b, at);
            }
        }
        return out;
    }

    private float sampleAt(ByteBuffer b, int at) {
        if (formatTag == 3) {
            return b.getFloat(at);
        }
        return switch (bitsPerSample) {
            case 8 -> (Byte.toUnsignedInt(b.get(at)) - 128) / 128f;
            case 16 -> b.getShort(at) / 32768f;
            case 24 -> ((b.get(at) & 0xFF) | (b.get(at + 1) & 0xFF) << 8 | b.get(at + 2) << 16) / 8388608f;
            default -> b.getInt(at) / 2147483648f;
        };
    }

    /** The INFO sub-chunk value for an id such as "INAM", if present. */
    public Optional<String> info(String id) {
        byte[] list = chunks.get("LIST");
        if (list == null || list.length < 4 || !"INFO".equals(new String(list, 0, 4, StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(list).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 4;
        while (pos + 8 <= list.length) {
            String sub = new String(list, pos, 4, StandardCharsets.US_ASCII);
            int size = b.getInt(pos + 4);
            int len = Math.min(size, list.length - pos - 8);
            if (sub.equals(id)) {
                String value = new String(list, pos + 8, len, StandardCharsets.UTF_8);
                int nul = value.indexOf('\0');
                return Optional.of(nul >= 0 ? value.substring(0, nul) : value);
            }
            pos += 8 + size + (size & 1);
        }
        return Optional.empty();
    }
}
