package com.cloudmusic.audio;

import de.sciss.jump3r.mp3.Enc;
import de.sciss.jump3r.mp3.MP3Data;
import de.sciss.jump3r.mp3.VBRTag;
import de.sciss.jump3r.mpg.Common;
import de.sciss.jump3r.mpg.Interface;
import de.sciss.jump3r.mpg.MPGLib;
import java.util.Arrays;
import java.util.Objects;

/**
 * Decodes an MP3 gaplessly with jump3r's decoder (LAME's mpglib), as LAME's own frontend and ffmpeg do:
 * the info tag's encoder delay plus the decoder's 529 frames are dropped at the start and the tag's
 * padding less those 529 at the end. It is how the renditions are checked to loop like their WAV.
 */
public final class Mp3Decoder {

    /** mpglib's synthesis delay in frames (LAME documents 528 + 1). */
    static final int DECODER_DELAY = 528 + 1;

    /** Decoded 16-bit stereo and what the info tag said; {@code tagged} is false when there was none. */
    public record Decoded(short[] left, short[] right, int sampleRate, int encoderDelay, int encoderPadding,
            boolean tagged) {

        public int frames() {
            return left.length;
        }
    }

    private Mp3Decoder() {
    }

    /**
     * Decodes every frame; when the file has a LAME info tag, trims it to the frames that were encoded.
     * Without a tag nothing is trimmed (that is what a decoder gives then).
     */
    public static Decoded decode(byte[] mp3) {
        Objects.requireNonNull(mp3, "mp3 == null");
        MPGLib mpg = new MPGLib();
        Common common = new Common();
        Interface decoder = new Interface();
        decoder.setModules(new VBRTag(), common);
        mpg.setModules(decoder, common);
        MPGLib.mpstr_tag state = mpg.hip_decode_init();
        MP3Data data = new MP3Data();
        Enc enc = new Enc();
        enc.enc_delay = -1;
        enc.enc_padding = -1;
        short[] l = new short[1152 * 2];
        short[] r = new short[1152 * 2];
        short[] left = new short[1 << 16];
        short[] right = new short[1 << 16];
        int at = 0;
        // The first call takes the whole file; later calls decode what it buffered, one frame each. The
        // first answers can be empty (header, info tag); once audio came, an empty answer is the end.
        int audioStart = id3v2Length(mp3);
        byte[] frames = audioStart == 0 ? mp3 : Arrays.copyOfRange(mp3, audioStart, mp3.length);
        int n = mpg.hip_decode1_headersB(state, frames, frames.length, l, r, data, enc);
        int emptyBeforeAudio = 0;
        while (n > 0 || n == 0 && at == 0 && ++emptyBeforeAudio < 8) {
            if (at + n > left.length) {
                left = Arrays.copyOf(left, Math.max(left.length * 2, at + n));
                right = Arrays.copyOf(right, left.length);
            }
            System.arraycopy(l, 0, left, at, n);
            System.arraycopy(data.stereo == 2 ? r : l, 0, right, at, n);
            at += n;
            n = mpg.hip_decode1_headersB(state, frames, 0, l, r, data, enc);
        }
        mpg.hip_decode_exit(state);
        if (n < 0) {
            throw new IllegalArgumentException("not a decodable MP3 (mpglib error " + n + ")");
        }
        boolean tagged = enc.enc_delay >= 0 && enc.enc_padding >= 0;
        int start = tagged ? Math.min(at, enc.enc_delay + DECODER_DELAY) : 0;
        int end = tagged ? Math.max(start, at - Math.max(0, enc.enc_padding - DECODER_DELAY)) : at;
        return new Decoded(Arrays.copyOfRange(left, start, end), Arrays.copyOfRange(right, start, end),
                data.samplerate, enc.enc_delay, enc.enc_padding, tagged);
    }

    /**
     * Bytes of a leading ID3v2 tag (teasers carry one), which LAME's frontend skips before decoding: the
     * info tag must be the first frame the decoder sees, and a cover picture can hold false frame syncs.
     */
    static int id3v2Length(byte[] mp3) {
        if (mp3.length < 10 || mp3[0] != 'I' || mp3[1] != 'D' || mp3[2] != '3') {
            return 0;
        }
        int size = (mp3[6] & 0x7F) << 21 | (mp3[7] & 0x7F) << 14 | (mp3[8] & 0x7F) << 7 | mp3[9] & 0x7F;
        boolean footer = (mp3[5] & 0x10) != 0;
        return Math.min(mp3.length, 10 + size + (footer ? 10 : 0));
    }
}
