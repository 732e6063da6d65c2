package org.mconnectevents.client;

/**
 * A failure that retrying cannot fix, because the client's configuration is wrong: it does not trust the server's
 * certificate, the server's certificate does not name the host of the base address, or the service does not know the
 * client certificate (401 when a consumer session opens). The message names the cause and what to change.
 * <p>
 * Not retryable as such, yet not "rejected" either: nothing is wrong with the event, so a consumer never reports an
 * event dead for it (it is a technical failure: the event stays unconfirmed) and keeps trying, at its longest delay,
 * until the configuration is fixed.
 */
public class MConnectEventsConfigurationException extends MConnectEventsException {

    /** What is wrong, for code that reacts to one problem and not another (and for reporting each once). */
    public enum Problem {
        /** The client does not trust the certificate the server presented (PKIX path building or validation failed). */
        UNTRUSTED_SERVER_CERTIFICATE,
        /** The server's certificate does not name the host of {@code baseAddress}. */
        HOST_NAME_MISMATCH,
        /** The service answered 401: it does not know the client certificate, or does not allow what was asked. */
        NOT_AUTHORIZED
    }

    private final Problem problem;
    private final int status;

    public MConnectEventsConfigurationException(Problem problem, int status, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
        this.status = status;
    }

    public Problem getProblem() {
        return problem;
    }

    /** The HTTP status the service answered (401), or 0 when the TLS handshake failed before any answer. */
    public int getStatus() {
        return status;
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
