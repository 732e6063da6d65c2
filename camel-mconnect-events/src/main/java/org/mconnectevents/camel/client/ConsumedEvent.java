package org.mconnectevents.camel.client;

import io.cloudevents.CloudEvent;

/**
 * An event as a consumer session received it.
 *
 * @param event  the CloudEvent, without the {@code offset} the service added
 * @param offset its offset in the session: confirming it confirms it and everything before it in that session
 */
public record ConsumedEvent(CloudEvent event, long offset) {
}
