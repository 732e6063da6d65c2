package org.mconnectevents.examples.springboot;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A citizen's registration at the civil registry: the business row the outbox row is written with. */
@Entity
@Table(name = "registration")
public class Registration {

    @Id
    private String id;
    @Column(nullable = false, length = 13)
    private String idnp;
    @Column(nullable = false)
    private String name;
    @Column(name = "registered_at", nullable = false)
    private OffsetDateTime registeredAt;

    protected Registration() {
    }

    public Registration(String id, String idnp, String name, OffsetDateTime registeredAt) {
        this.id = id;
        this.idnp = idnp;
        this.name = name;
        this.registeredAt = registeredAt;
    }

    public String getId() {
        return id;
    }

    public String getIdnp() {
        return idnp;
    }

    public String getName() {
        return name;
    }

    public OffsetDateTime getRegisteredAt() {
        return registeredAt;
    }
}
