package org.mconnectevents.examples.springboot;

import org.springframework.data.jpa.repository.JpaRepository;

/** The register of citizens the consumer keeps (Spring Data JPA). */
public interface RegisteredCitizens extends JpaRepository<RegisteredCitizen, String> {
}
