package com.cloudmusic.publish.channel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okhttp3.mockwebserver.RecordedRequest;

/** A multipart/form-data request body as the remote side would read it. */
public final class MultipartForm {

    public record Part(String name, String fileName, String contentType, byte[] bytes) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

    public final Map<String, Part> parts = new LinkedHashMap<>();

    public static MultipartForm of(RecordedRequest request) throws IOException {
        MediaType type = MediaType.get(request.getHeader("Content-Type"));
        if (!"multipart".equals(type.type()) || !"form-data".equals(type.subtype())) {
            throw new AssertionError("not multipart/form-data: " + type);
        }
        MultipartForm form = new MultipartForm();
        try (MultipartReader reader = new MultipartReader(request.getBody(), type.parameter("boundary"))) {
            MultipartReader.Part part;
            while ((part = reader.nextPart()) != null) {
                String disposition = part.headers().get("Content-Disposition");
                String name = group(NAME, disposition);
                form.parts.put(name, new Part(name, group(FILE_NAME, disposition),
                        part.headers().get("Content-Type"), part.body().readByteArray()));
            }
        }
        return form;
    }

    public Part part(String name) {
        Part part = parts.get(name);
        if (part == null) {
            throw new AssertionError("no part " + name + " in " + parts.keySet());
        }
        return part;
    }

    public String text(String name) {
        return part(name).text();
    }

    private static String group(Pattern pattern, String header) {
        Matcher m = pattern.matcher(header);
        return m.find() ? m.group(1) : null;
    }
}
