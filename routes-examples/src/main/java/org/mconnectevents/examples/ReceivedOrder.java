package org.mconnectevents.examples;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * An order the consumer received from MConnect Events, with the customer's name the citizen registry gave (the
 * consumer side's business row; table {@code received_order}).
 */
@Entity
@Table(name = "received_order")
public class ReceivedOrder {

    @Id
    @Column(name = "order_id")
    private String orderId;
    @Column(name = "customer_idnp")
    private String customerIdnp;
    @Column(name = "customer_name")
    private String customerName;
    private String item;
    private int quantity;
    @Column(name = "event_source")
    private String eventSource;
    @Column(name = "event_id")
    private String eventId;
    @Column(name = "received_at")
    private OffsetDateTime receivedAt;

    protected ReceivedOrder() {
        // for JPA
    }

    public ReceivedOrder(String orderId, String customerIdnp, String customerName, String item, int quantity,
                         String eventSource, String eventId, OffsetDateTime receivedAt) {
        this.orderId = orderId;
        this.customerIdnp = customerIdnp;
        this.customerName = customerName;
        this.item = item;
        this.quantity = quantity;
        this.eventSource = eventSource;
        this.eventId = eventId;
        this.receivedAt = receivedAt;
    }

    public String orderId() {
        return orderId;
    }

    public String customerName() {
        return customerName;
    }
}
