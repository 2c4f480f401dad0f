package com.cloudmusic.audio;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The waveform picture shown next to a track: per pixel column the minimum and maximum of the mono mix,
 * drawn in one accent colour on a dark background, as PNG. Pixels are set directly, so no display or
 * fonts are needed (headless).
 */
public final class WaveformPicture {

    public static final int WIDTH = 1200;
    public static final int HEIGHT = 240;
    private static final int BACKGROUND = 0xFF14161C;
    private static final int PEAK = 0xFF39C5BB;
    private static final int BODY = 0xFF2A8F88;

    private WaveformPicture() {
    }

    public static byte[] png(float[] left, float[] right) {
        return png(left, right, WIDTH, HEIGHT);
    }

    public static byte[] png(float[] left, float[] right, int width, int height) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = new int[width * height];
        java.util.Arrays.fill(pixels, BACKGROUND);
        int frames = left.length;
        double mid = (height - 1) / 2.0;
        for (int x = 0; x < width; x++) {
            int from = (int) ((long) frames * x / width);
            int to = Math.max(from + 1, (int) ((long) frames * (x + 1) / width));
            float min = 0, max = 0;
            double squares = 0;
            for (int i = from; i < to && i < frames; i++) {
                float v = (left[i] + right[i]) * 0.5f;
                min = Math.min(min, v);
                max = Math.max(max, v);
                squares += v * v;
            }
            float rms = (float) Math.sqrt(squares / Math.max(1, to - from));
            int top = (int) Math.round(mid - max * mid);
            int bottom = (int) Math.round(mid - min * mid);
            int rmsTop = (int) Math.round(mid - rms * mid);
            int rmsBottom = (int) Math.round(mid + rms * mid);
            for (int y = Math.max(0, top); y <= Math.min(height - 1, bottom); y++) {
                pixels[y * width + x] = y >= rmsTop && y <= rmsBottom ? BODY : PEAK;
            }
        }
        image.setRGB(0, 0, width, height, pixels, 0, width);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
