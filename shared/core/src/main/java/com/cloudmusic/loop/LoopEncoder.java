package com.cloudmusic.loop;

/** Turns a rendered loop into the files a track stores (the sound module implements it). */
@FunctionalInterface
public interface LoopEncoder {

    /** The WAV (tagged with the title and comment), its MP3 rendition and its waveform picture. */
    LoopFiles encode(RenderedLoop loop, String title, String comment);
}
