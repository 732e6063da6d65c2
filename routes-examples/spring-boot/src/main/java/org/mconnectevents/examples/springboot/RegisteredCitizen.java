package org.mconnectevents.examples.springboot;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A citizen in the register the consumer keeps from the announced registrations: its business row. */
@Entity
@Table(name = "registered_citizen")
public class RegisteredCitizen {

    @Id
    private String registration;
    @Column(nullable = false, length = 13)
    private String idnp;
    @Column(nullable = false)
    private String name;

    protected RegisteredCitizen() {
    }

    public RegisteredCitizen(String registration, String idnp, String name) {
        this.registration = registration;
        this.idnp = idnp;
        this.name = name;
    }

    public String getRegistration() {
        return registration;
    }

    public String getIdnp() {
        return idnp;
    }

    public String getName() {
        return name;
    }
}
