package com.cloudmusic.publish.channel;

import java.util.Objects;

/** A file sent in a multipart form: its name, content type and bytes. */
public record Upload(String fileName, String contentType, byte[] bytes) {

    public Upload {
        Objects.requireNonNull(fileName, "fileName == null");
        Objects.requireNonNull(contentType, "contentType == null");
        Objects.requireNonNull(bytes, "bytes == null");
    }
}
