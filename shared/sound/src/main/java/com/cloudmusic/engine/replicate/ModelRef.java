package com.cloudmusic.engine.replicate;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Replicate model as {@code REPLICATE_MODEL} names it: {@code owner/name:versionId} (a pinned version,
 * created through {@code POST /v1/predictions}), {@code owner/name} (an official model, always at its
 * current version, created through {@code POST /v1/models/owner/name/predictions}), or a bare version id.
 *
 * @param owner   model owner, null for a bare version id
 * @param name    model name, null for a bare version id
 * @param version version id, null for an official model at its current version
 */
public record ModelRef(String owner, String name, String version) {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern VERSION = Pattern.compile("[0-9a-f]{64}");

    public ModelRef {
        if (version == null) {
            Objects.requireNonNull(owner, "owner == null");
            Objects.requireNonNull(name, "name == null");
        }
    }

    /** Parses the configured text; IllegalArgumentException names what is wrong. */
    public static ModelRef parse(String text) {
        String value = Objects.requireNonNull(text, "text == null").trim();
        if (VERSION.matcher(value).matches()) {
            return new ModelRef(null, null, value);
        }
        String path = value;
        String version = null;
        int colon = value.indexOf(':');
        if (colon >= 0) {
            path = value.substring(0, colon);
            version = value.substring(colon + 1);
            if (!VERSION.matcher(version).matches()) {
                throw new IllegalArgumentException("the version after ':' must be a 64-character hex id");
            }
        }
        String[] parts = path.split("/", -1);
        if (parts.length != 2 || !SEGMENT.matcher(parts[0]).matches() || !SEGMENT.matcher(parts[1]).matches()) {
            throw new IllegalArgumentException("expected owner/name, owner/name:version or a version id");
        }
        return new ModelRef(parts[0], parts[1], version);
    }

    /** True when the prediction is created for a pinned version rather than the model's current one. */
    public boolean pinned() {
        return version != null;
    }

    /** owner/name, or the version id when that is all there is: what family detection reads. */
    public String path() {
        return owner == null ? version : owner + "/" + name;
    }

    @Override
    public String toString() {
        return owner == null ? version : version == null ? path() : path() + ":" + version;
    }
}
