package org.mconnectevents.emulator.tls;

/**
 * Thrown when the emulator's certificates cannot be read, minted or written.
 *
 * <p>The message names the file concerned, what is wrong with it and what to do about it, for instance
 * {@code certs/ca.crt exists but certs/intermediate-ca.p12 is missing: cannot mint new certificates;
 * delete the folder to start afresh}.
 */
public class EmulatorCertificatesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the file, and what to do
     */
    public EmulatorCertificatesException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the file, and what to do
     * @param cause   the failure of the underlying I/O or security API
     */
    public EmulatorCertificatesException(String message, Throwable cause) {
        super(message, cause);
    }
}
