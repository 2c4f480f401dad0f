package com.cloudmusic.tracks;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.loop.KitPart;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class KitZipTest {

    private static final String KIT = "7c0f3a9e-1d2b-4c5d-8e9f-0a1b2c3d4e5f";

    private static Map<KitPart, KitZip.PartFiles> parts() {
        Map<KitPart, KitZip.PartFiles> parts = new LinkedHashMap<>();
        parts.put(KitPart.KICK, new KitZip.PartFiles(new byte[] {1, 2, 3}, new byte[] {'M', 'T', 'h', 'd'}));
        parts.put(KitPart.BASS, new KitZip.PartFiles(new byte[] {4, 5}, new byte[] {'M', 'T'}));
        parts.put(KitPart.MIX, new KitZip.PartFiles(new byte[] {9, 9, 9, 9}, null));
        return parts;
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    @Test
    void zip_holdsEveryPartsWavAndMidi_namedAsSamplePacksNameThem() throws Exception {
        Map<String, byte[]> entries = unzip(KitZip.write(KIT, 124, "F#m", parts()));

        assertThat(entries.keySet()).containsExactly(
                "cloudmusic_7c0f3a9e_kick_124bpm_Fsharpm.wav", "cloudmusic_7c0f3a9e_kick_124bpm_Fsharpm.mid",
                "cloudmusic_7c0f3a9e_bass_124bpm_Fsharpm.wav", "cloudmusic_7c0f3a9e_bass_124bpm_Fsharpm.mid",
                "cloudmusic_7c0f3a9e_mix_124bpm_Fsharpm.wav");
        assertThat(entries.get("cloudmusic_7c0f3a9e_kick_124bpm_Fsharpm.wav")).containsExactly(1, 2, 3);
        assertThat(entries.get("cloudmusic_7c0f3a9e_bass_124bpm_Fsharpm.mid")).containsExactly('M', 'T');
    }

    @Test
    void zip_isTheSameBytes_forTheSameKit() {
        assertThat(KitZip.write(KIT, 124, "F#m", parts())).isEqualTo(KitZip.write(KIT, 124, "F#m", parts()));
    }

    @Test
    void kitFileNames_spellASharpKeyFileSafe() {
        assertThat(TrackNames.kitFileName(KIT, KitPart.TEXTURE, 90, "C#m", "mid"))
                .isEqualTo("cloudmusic_7c0f3a9e_texture_90bpm_Csharpm.mid");
        assertThat(TrackNames.kitZipName(KIT, 90, "C#m")).isEqualTo("cloudmusic_7c0f3a9e_kit_90bpm_Csharpm.zip");
    }
}
