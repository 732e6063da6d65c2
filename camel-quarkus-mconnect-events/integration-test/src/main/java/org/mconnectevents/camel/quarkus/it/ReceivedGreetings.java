package org.mconnectevents.camel.quarkus.it;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The greetings consumed, by event id: their type and data. Written by the consuming route's threads. */
@ApplicationScoped
public class ReceivedGreetings {

    /**
     * A consumed greeting.
     *
     * @param type the event's type
     * @param data the event's data
     */
    public record Greeting(String type, String data) {
    }

    private final Map<String, Greeting> byId = new ConcurrentHashMap<>();

    void add(String id, String type, String data) {
        byId.put(id, new Greeting(type, data));
    }

    /** The greeting consumed with this event id, if it was. */
    public Optional<Greeting> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
