package org.mconnectevents.examples.quarkus.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A registration the civil registry made: its business row, written in the same transaction as its outbox row. */
@Entity
@Table(name = "registration")
public class Registration {

    @Id
    public String id;
    public String idnp;
    public String name;
    @Column(name = "registered_at")
    public OffsetDateTime registeredAt;
}
