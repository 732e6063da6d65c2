package org.mconnectevents.camel.jpa.outbox;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The business row of the outbox tests: an order placed. */
@Entity
@Table(name = "placed_order")
public class PlacedOrder {

    @Id
    private String id;

    protected PlacedOrder() {
    }

    public PlacedOrder(String id) {
        this.id = id;
    }

    public String getId() {
        return id;
    }
}
