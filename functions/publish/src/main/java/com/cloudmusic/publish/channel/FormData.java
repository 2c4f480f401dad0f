package com.cloudmusic.publish.channel;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A {@code multipart/form-data} body (RFC 7578) built in memory: text fields and file uploads, each
 * with its own Content-Disposition and, for files, Content-Type. The JDK's HTTP client has no form
 * builder, and a teaser with its cover is a few hundred kilobytes, so building the bytes is enough.
 */
final class FormData {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CRLF = {'\r', '\n'};

    private final String boundary;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);

    FormData() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        // Random, so no uploaded byte sequence can end a part early.
        this.boundary = "cloudmusic-" + HexFormat.of().formatHex(random);
    }

    /** A text field sent as UTF-8, without a Content-Type (as browsers and the Bot API expect). */
    FormData text(String name, String value) {
        Objects.requireNonNull(value, "value == null");
        return part(name, null, null, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A text field with its own Content-Type, e.g. Discord's {@code payload_json}. */
    FormData typed(String name, String contentType, String value) {
        Objects.requireNonNull(contentType, "contentType == null");
        return part(name, null, contentType, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A file upload. */
    FormData file(String name, String fileName, String contentType, byte[] bytes) {
        Objects.requireNonNull(fileName, "fileName == null");
        Objects.requireNonNull(contentType, "contentType == null");
        return part(name, fileName, contentType, bytes);
    }

    private FormData part(String name, String fileName, String contentType, byte[] bytes) {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(bytes, "bytes == null");
        StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(quoted(name)).append('"');
        if (fileName != null) {
            head.append("; filename=\"").append(quoted(fileName)).append('"');
        }
        head.append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        head.append("\r\n");
        body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(CRLF);
        return this;
    }

    /** The Content-Type header of the request, with the boundary. */
    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The finished body; the form must not be changed afterwards. */
    byte[] bytes() {
        ByteArrayOutputStream finished = new ByteArrayOutputStream(body.size() + boundary.length() + 8);
        finished.writeBytes(body.toByteArray());
        finished.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return finished.toByteArray();
    }

    // The WHATWG form encoding: quotes and line breaks in names are percent-encoded, never raw.
    private static String quoted(String value) {
        return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
