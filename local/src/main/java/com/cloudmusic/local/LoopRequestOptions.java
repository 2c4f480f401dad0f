package com.cloudmusic.local;

import com.cloudmusic.errors.DomainException;
import com.cloudmusic.json.Json;
import com.cloudmusic.tracks.GenerationRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The flags of a generation that {@code generate} and {@code kit} share, turned into the API's JSON body
 * and checked by the API's own parser, so a bad value gets the API's message (with flags for fields).
 */
final class LoopRequestOptions {

    @Option(names = "--bpm", paramLabel = "BPM", description = "Tempo, 70 to 180 (default 120).")
    Integer bpm;

    @Option(names = "--intensity", paramLabel = "1-5", description = "How busy it is, 1 to 5 (default 3).")
    Integer intensity;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Wanted length, 2 to 30 s (default 8); a loop is 1, 2, 4, 8 or 16 bars, the phrase nearest by"
                    + " ratio and never over 30 s (risers and kits 1 to 8 bars).")
    Double duration;

    @Option(names = "--key", paramLabel = "KEY", description = "Musical key such as F#m, Bb or C.")
    String key;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for every random choice (same seed, same sound).")
    Long seed;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "A free prompt (advanced mode).")
    String prompt;

    @Option(names = "--dark", description = "Darker sound (guided).")
    boolean dark;

    @Option(names = "--ambient", description = "More space (guided).")
    boolean ambient;

    @Option(names = "--energetic", description = "More drive (guided).")
    boolean energetic;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * The flags as the API's body, parsed by {@code parser}.
     *
     * @param type the guided loop type, when the command has one ({@code --type})
     */
    GenerationRequest request(Optional<String> type, Function<String, GenerationRequest> parser) {
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode params = body.putObject("params");
        if (prompt != null) {
            List<String> guidedOnly = new ArrayList<>();
            type.ifPresent(t -> guidedOnly.add("--type"));
            if (intensity != null) {
                guidedOnly.add("--intensity");
            }
            if (dark) {
                guidedOnly.add("--dark");
            }
            if (ambient) {
                guidedOnly.add("--ambient");
            }
            if (energetic) {
                guidedOnly.add("--energetic");
            }
            if (!guidedOnly.isEmpty()) {
                throw new ParameterException(command.commandLine(), String.join(", ", guidedOnly)
                        + " cannot be combined with --prompt: the prompt describes the sound.");
            }
            body.put("mode", "advanced");
            body.put("prompt", prompt);
        } else {
            body.put("mode", "guided");
            type.ifPresent(t -> params.put("type", t));
            if (intensity != null) {
                params.put("intensity", intensity);
            }
            if (dark) {
                params.put("dark", true);
            }
            if (ambient) {
                params.put("ambient", true);
            }
            if (energetic) {
                params.put("energetic", true);
            }
        }
        if (bpm != null) {
            params.put("bpm", bpm);
        }
        if (duration != null) {
            params.put("duration", duration);
        }
        if (key != null) {
            params.put("key", key);
        }
        if (seed != null) {
            params.put("seed", seed);
        }
        try {
            return parser.apply(Json.write(body));
        } catch (DomainException e) {
            throw new ParameterException(command.commandLine(), asFlags(e.getMessage()));
        }
    }

    /** The API names JSON fields ("params.bpm must be from 70 to 180."); here they are flags. */
    static String asFlags(String message) {
        return message.replaceAll("params\\.(\\w+)", "--$1").replace("prompt must", "--prompt must")
                .replace("prompt is", "--prompt is");
    }
}
