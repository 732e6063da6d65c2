package org.mconnectevents.client;

import io.vertx.core.buffer.Buffer;

import java.util.Map;

/**
 * An event in HTTP binary mode.
 *
 * @param headers     the {@code ce-*} headers
 * @param contentType the data's content type
 * @param body        the data
 */
public record BinaryEvent(Map<String, String> headers, String contentType, Buffer body) {
}
