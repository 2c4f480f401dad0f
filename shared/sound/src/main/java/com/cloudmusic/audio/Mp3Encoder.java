package com.cloudmusic.audio;

import de.sciss.jump3r.mp3.BitStream;
import de.sciss.jump3r.mp3.GainAnalysis;
import de.sciss.jump3r.mp3.GetAudio;
import de.sciss.jump3r.mp3.ID3Tag;
import de.sciss.jump3r.mp3.Lame;
import de.sciss.jump3r.mp3.LameGlobalFlags;
import de.sciss.jump3r.mp3.MPEGMode;
import de.sciss.jump3r.mp3.Parse;
import de.sciss.jump3r.mp3.Presets;
import de.sciss.jump3r.mp3.Quantize;
import de.sciss.jump3r.mp3.QuantizePVT;
import de.sciss.jump3r.mp3.Reservoir;
import de.sciss.jump3r.mp3.Takehiro;
import de.sciss.jump3r.mp3.VBRTag;
import de.sciss.jump3r.mp3.VbrMode;
import de.sciss.jump3r.mp3.Version;
import de.sciss.jump3r.mpg.Common;
import de.sciss.jump3r.mpg.Interface;
import de.sciss.jump3r.mpg.MPGLib;
import java.io.ByteArrayOutputStream;
import java.util.Objects;

/**
 * MP3 renditions (constant bit rate, joint stereo) with jump3r, a pure-Java port of LAME, so no native
 * code ships in the Lambda. Used for the track's MP3 and for teasers.
 *
 * <p>The encoder is wired from jump3r's LAME modules directly rather than through its {@code LameEncoder}
 * wrapper, for two savings: the wrapper always runs LAME's ReplayGain analysis (two IIR filters over every
 * sample, a fifth of the encoding time, for a tag nobody reads here), and it wants interleaved bytes,
 * where LAME itself takes the two channels as integers.
 *
 * <p>The first frame is LAME's info tag ("Info" for constant bit rate, with the LAME extension): it
 * carries the encoder delay and the padding, so a gapless decoder (LAME's, ffmpeg, foobar2000, iTunes, most
 * DAWs) drops them and gives back exactly the input's frames, aligned, and the MP3 loops like the WAV.
 * Without it a decoder adds about 2,000 to 3,000 frames of silence, split between start and end.
 */
public final class Mp3Encoder {

    /**
     * LAME's -q: 0 best and slowest .. 9 worst and fastest. At 7 LAME keeps its psychoacoustic model but
     * skips the noise-shaping search: a third less time than 5 (LAME's default), and at 192 kbps the
     * coding noise measured against the source is no higher (see Mp3Bench).
     */
    static final int DEFAULT_QUALITY = 7;
    private static final int CHUNK_FRAMES = 16 * 1152;

    private Mp3Encoder() {
    }

    /**
     * Encodes stereo float samples in [-1, 1].
     *
     * @param kbps a MPEG-1 Layer III bit rate such as 128, 192 or 320
     */
    public static byte[] encode(float[] left, float[] right, int sampleRate, int kbps) {
        return encode(left, right, sampleRate, kbps, DEFAULT_QUALITY);
    }

    /** As {@link #encode(float[], float[], int, int)} with LAME's quality setting (0..9). */
    static byte[] encode(float[] left, float[] right, int sampleRate, int kbps, int quality) {
        Objects.requireNonNull(left, "left == null");
        Objects.requireNonNull(right, "right == null");
        if (left.length != right.length) {
            throw new IllegalArgumentException("channels differ in length");
        }
        ID3Tag id3 = new ID3Tag();
        VBRTag infoTag = new VBRTag();
        Lame lame = wiredLame(id3, infoTag);
        LameGlobalFlags flags = lame.lame_init();
        flags.num_channels = 2;
        flags.in_samplerate = sampleRate;
        flags.out_samplerate = sampleRate;
        flags.mode = MPEGMode.JOINT_STEREO;
        flags.VBR = VbrMode.vbr_off;
        flags.brate = kbps;
        flags.quality = quality;
        id3.id3tag_init(flags);
        flags.write_id3tag_automatic = false;
        flags.findReplayGain = false;
        // LAME reserves the first frame for the info tag and fills it in once the padding is known.
        flags.bWriteVbrTag = true;
        if (lame.lame_init_params(flags) < 0) {
            throw new IllegalArgumentException("LAME rejected " + kbps + " kbps at " + sampleRate + " Hz");
        }
        try {
            int[] l = new int[CHUNK_FRAMES];
            int[] r = new int[CHUNK_FRAMES];
            // LAME's worst case for a buffer: 1.25 x samples + 7200 bytes.
            byte[] mp3 = new byte[CHUNK_FRAMES * 5 / 4 + 7200];
            // In long: frames x kbps x 125 overflows an int from about 11 s of audio on.
            ByteArrayOutputStream out = new ByteArrayOutputStream(
                    (int) Math.min(Integer.MAX_VALUE - 8, (long) left.length * kbps * 125 / sampleRate + 4096));
            for (int start = 0; start < left.length; start += CHUNK_FRAMES) {
                int frames = Math.min(CHUNK_FRAMES, left.length - start);
                for (int i = 0; i < frames; i++) {
                    // The same 16-bit samples the WAV holds, at LAME's 32-bit integer scale.
                    l[i] = WavWriter.toPcm16(left[start + i]) << 16;
                    r[i] = WavWriter.toPcm16(right[start + i]) << 16;
                }
                int written = lame.lame_encode_buffer_int(flags, l, r, frames, mp3, 0, mp3.length);
                if (written < 0) {
                    throw new IllegalStateException("LAME failed with code " + written);
                }
                out.write(mp3, 0, written);
            }
            int tail = lame.lame_encode_flush(flags, mp3, 0, mp3.length);
            out.write(mp3, 0, Math.max(0, tail));
            byte[] encoded = out.toByteArray();
            writeInfoTag(lame, infoTag, flags, encoded);
            return encoded;
        } finally {
            lame.lame_close(flags);
        }
    }

    /** Overwrites the frame LAME reserved at the start with the finished info tag (delay, padding, length). */
    private static void writeInfoTag(Lame lame, VBRTag infoTag, LameGlobalFlags flags, byte[] encoded) {
        byte[] tag = new byte[VBRTag.MAXFRAMESIZE];
        int size = infoTag.getLameTagFrame(flags, tag);
        if (size <= 0 || size > tag.length || size > encoded.length) {
            throw new IllegalStateException("LAME made no info tag (" + size + " bytes)");
        }
        System.arraycopy(tag, 0, encoded, 0, size);
    }

    /** The LAME modules wired to each other as jump3r's own {@code LameEncoder} wires them. */
    private static Lame wiredLame(ID3Tag id3, VBRTag vbrTag) {
        Lame lame = new Lame();
        GetAudio audio = new GetAudio();
        GainAnalysis gain = new GainAnalysis();
        BitStream bits = new BitStream();
        Presets presets = new Presets();
        QuantizePVT quantizePvt = new QuantizePVT();
        Quantize quantize = new Quantize();
        Version version = new Version();
        Reservoir reservoir = new Reservoir();
        Takehiro takehiro = new Takehiro();
        Parse parse = new Parse();
        MPGLib mpg = new MPGLib();
        Interface decoderInterface = new Interface();
        Common common = new Common();
        lame.setModules(gain, bits, presets, quantizePvt, quantize, vbrTag, version, id3, mpg);
        bits.setModules(gain, mpg, version, vbrTag);
        id3.setModules(bits, version);
        presets.setModules(lame);
        quantize.setModules(bits, reservoir, quantizePvt, takehiro);
        quantizePvt.setModules(takehiro, reservoir, lame.enc.psy);
        reservoir.setModules(bits);
        takehiro.setModules(quantizePvt);
        vbrTag.setModules(lame, bits, version);
        audio.setModules(parse, mpg);
        parse.setModules(version, id3, presets);
        mpg.setModules(decoderInterface, common);
        decoderInterface.setModules(vbrTag, common);
        return lame;
    }
}
