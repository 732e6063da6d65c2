package org.mconnectevents.examples.springboot;

import org.springframework.data.jpa.repository.JpaRepository;

/** The registrations (Spring Data JPA). */
public interface Registrations extends JpaRepository<Registration, String> {
}
