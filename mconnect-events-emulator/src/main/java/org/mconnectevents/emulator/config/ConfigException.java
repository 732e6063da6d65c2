package org.mconnectevents.emulator.config;

/** A configuration the emulator cannot start with; the message names the file, the key and the problem. */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
