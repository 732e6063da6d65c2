package org.mconnectevents.examples.springboot;

import org.mconnectevents.camel.jpa.outbox.OutboxEvent;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The outbox, as a Spring Data JPA repository: {@code save(Outbox.row(event))} inside the business transaction writes
 * the event with the business change, and the relay sends it afterwards.
 */
public interface OutboxEvents extends JpaRepository<OutboxEvent, Long> {
}
