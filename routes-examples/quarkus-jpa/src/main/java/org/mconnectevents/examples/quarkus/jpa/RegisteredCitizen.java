package org.mconnectevents.examples.quarkus.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of the register the consuming side keeps, one per registration event applied. */
@Entity
@Table(name = "registered_citizen")
public class RegisteredCitizen {

    @Id
    public String registration;
    public String idnp;
    public String name;
}
