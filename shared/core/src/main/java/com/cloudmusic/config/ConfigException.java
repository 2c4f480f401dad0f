package com.cloudmusic.config;

/** A required setting is missing or malformed; the message names the environment variable. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
