package org.mconnectevents.camel;

import java.time.Instant;

/** A client certificate in use by the component's endpoints, as the dev console and the metrics show it. */
public interface MConnectEventsCertificate {

    /** The certificate's subject, e.g. {@code CN=civil-registry,O=...}. */
    String subject();

    /** The serial number, in hexadecimal: tells a renewed certificate from the one it replaces. */
    String serialNumber();

    /** When it expires. */
    Instant notAfter();

    /** Whole days until it expires, now; negative once it has. */
    long daysLeft();

    /** From how many days before it expires a reminder is logged each day ({@code certificateExpiryWarning}). */
    int reminderDays();

    /** How many certificates the client sends in the TLS handshake: its own and its intermediates. */
    int chainLength();
}
