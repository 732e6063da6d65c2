package org.mconnectevents.examples;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An order the shop's intake took (the producer side's business row; table {@code placed_order}). */
@Entity
@Table(name = "placed_order")
public class PlacedOrder {

    @Id
    @Column(name = "order_id")
    private String orderId;
    @Column(name = "customer_idnp")
    private String customerIdnp;
    private String item;
    private int quantity;
    @Column(name = "placed_at")
    private OffsetDateTime placedAt;

    protected PlacedOrder() {
        // for JPA
    }

    public PlacedOrder(String orderId, String customerIdnp, String item, int quantity, OffsetDateTime placedAt) {
        this.orderId = orderId;
        this.customerIdnp = customerIdnp;
        this.item = item;
        this.quantity = quantity;
        this.placedAt = placedAt;
    }

    public String orderId() {
        return orderId;
    }

    public String customerIdnp() {
        return customerIdnp;
    }

    public String item() {
        return item;
    }

    public int quantity() {
        return quantity;
    }
}
