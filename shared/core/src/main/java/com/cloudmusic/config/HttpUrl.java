package com.cloudmusic.config;

import java.net.URI;
import java.util.Optional;

/** The one check of an http(s) URL (base URLs of remote APIs, webhook URLs, model outputs). */
public final class HttpUrl {

    private HttpUrl() {
    }

    /** An absolute http or https URL with a host, trailing slashes of its path removed; else nothing. */
    public static Optional<URI> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme();
            if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null) {
                String plain = uri.toString();
                return Optional.of(uri.getRawQuery() == null && uri.getRawFragment() == null && plain.endsWith("/")
                        ? URI.create(plain.replaceAll("/+$", "")) : uri);
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** True for an https URL, or for plain http from the same host as {@code base} when that is itself plain http (a local stand-in). */
    public static boolean secureOrSameLocalPeer(URI url, URI base) {
        if ("https".equalsIgnoreCase(url.getScheme())) {
            return true;
        }
        return "http".equalsIgnoreCase(url.getScheme()) && "http".equalsIgnoreCase(base.getScheme())
                && url.getHost() != null && url.getHost().equals(base.getHost());
    }
}
