package com.cloudmusic.audio;

import com.cloudmusic.engine.procedural.ProceduralEngine;
import com.cloudmusic.loop.EngineContext;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.Mode;
import com.cloudmusic.loop.RenderedLoop;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Stand-ins for what a music model returns: procedural loops played at a tempo other than the one
 * asked for, not starting on a downbeat, several bars long, at the model's own sample rate, channel
 * count and sample format.
 */
public final class ModelOutputFixtures {

    /** Sample formats models use. */
    public enum Format { PCM16, PCM24, PCM32, FLOAT32 }

    private ModelOutputFixtures() {
    }

    /**
     * A procedural loop at {@code trueBpm}, repeated to cover {@code seconds}, starting {@code offsetSeconds}
     * into the first bar, converted to {@code rate} (linear interpolation: independent of the resampler
     * under test) and {@code channels}, encoded as a WAV.
     */
    public static byte[] modelWav(LoopType type, double trueBpm, double seconds, double offsetSeconds, int rate,
            int channels, Format format) {
        float[][] audio = modelAudio(type, trueBpm, seconds, offsetSeconds, rate, channels);
        return encode(audio, rate, format);
    }

    public static float[][] modelAudio(LoopType type, double trueBpm, double seconds, double offsetSeconds, int rate,
            int channels) {
        // The procedural engine takes whole BPMs; a fractional true tempo is reached by resampling.
        int renderBpm = (int) Math.round(trueBpm);
        LoopSpec spec = new LoopSpec(Mode.GUIDED, type, renderBpm, 4, "Am", 11, 4, false, false, false, List.of(), "");
        RenderedLoop loop = new ProceduralEngine().render(spec, EngineContext.detached("fixture"));
        double speed = trueBpm / renderBpm; // > 1 plays faster
        int frames = (int) Math.round(seconds * rate);
        float[][] out = new float[channels][frames];
        double step = speed * LoopSpec.SAMPLE_RATE / rate;
        double position = offsetSeconds * LoopSpec.SAMPLE_RATE * speed;
        int n = loop.frames();
        for (int i = 0; i < frames; i++, position += step) {
            int at = (int) Math.floor(position);
            double frac = position - at;
            float l = (float) (loop.left()[at % n] * (1 - frac) + loop.left()[(at + 1) % n] * frac);
            float r = (float) (loop.right()[at % n] * (1 - frac) + loop.right()[(at + 1) % n] * frac);
            if (channels == 1) {
                out[0][i] = 0.5f * (l + r);
            } else {
                out[0][i] = l;
                out[1][i] = r;
                for (int c = 2; c < channels; c++) {
                    out[c][i] = 0.5f * (l + r);
                }
            }
        }
        return out;
    }

    /** A minimal RIFF/WAVE file: fmt (PCM or IEEE float) and data, nothing else. */
    public static byte[] encode(float[][] channels, int rate, Format format) {
        int bits = switch (format) {
            case PCM16 -> 16;
            case PCM24 -> 24;
            case PCM32, FLOAT32 -> 32;
        };
        int count = channels.length;
        int frames = channels[0].length;
        int bytesPerSample = bits / 8;
        ByteBuffer data = ByteBuffer.allocate(frames * count * bytesPerSample).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            for (float[] channel : channels) {
                float v = Math.max(-1f, Math.min(1f, channel[i]));
                switch (format) {
                    case PCM16 -> data.putShort((short) Math.round(v * 32767f));
                    case PCM24 -> {
                        int s = (int) Math.round(v * 8388607.0);
                        data.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
                    }
                    case PCM32 -> data.putInt((int) Math.round(v * 2147483647.0));
                    case FLOAT32 -> data.putFloat(v);
                }
            }
        }
        ByteBuffer fmt = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        fmt.put(ascii("fmt ")).putInt(16)
                .putShort((short) (format == Format.FLOAT32 ? 3 : 1))
                .putShort((short) count)
                .putInt(rate)
                .putInt(rate * count * bytesPerSample)
                .putShort((short) (count * bytesPerSample))
                .putShort((short) bits);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int riffSize = 4 + fmt.capacity() + 8 + data.capacity();
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        header.put(ascii("RIFF")).putInt(riffSize).put(ascii("WAVE"));
        out.writeBytes(header.array());
        out.writeBytes(fmt.array());
        ByteBuffer dataHeader = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        dataHeader.put(ascii("data")).putInt(data.capacity());
        out.writeBytes(dataHeader.array());
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
