package org.mconnectevents.emulator.config;

import java.time.Duration;
import java.util.List;

/**
 * Faults the emulator injects so that tests can prove a client loses nothing. All off by default.
 *
 * @param produceFailRate          fraction (0..1) of produce requests answered 500 without storing anything
 * @param produceStoreThenFailRate fraction of produce requests whose events are stored, then answered 500
 *                                 (a client that retries creates duplicates, as on the real service)
 * @param closeSessionAfterMessages close each WebSocket session after it sent this many events (0: never)
 * @param closeSessionRate         probability, per event sent, that the WebSocket session is closed after it
 * @param dropConfirmRate          fraction of confirmations (WebSocket or long polling) silently ignored
 * @param responseDelay            delay added before every answer of the service (produce, poll, confirm...)
 * @param sessionStartDelay        delay between a consumer session opening and its first event
 * @param instanceExpiry           when set, overrides the configured long-polling instance expiry
 * @param poisonRate               fraction of produce requests after which one poison event is also stored for each
 *                                 consumer of the type of the request's last event, on its partition key, after it
 * @param poisonKinds              the poison events stored, taken in turn (every {@link PoisonKind} by default)
 */
public record Faults(double produceFailRate,
                     double produceStoreThenFailRate,
                     int closeSessionAfterMessages,
                     double closeSessionRate,
                     double dropConfirmRate,
                     Duration responseDelay,
                     Duration sessionStartDelay,
                     Duration instanceExpiry,
                     double poisonRate,
                     List<PoisonKind> poisonKinds) {

    /** No fault at all. */
    public static final Faults NONE = new Faults(0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO, null, 0, null);

    public Faults {
        responseDelay = responseDelay == null ? Duration.ZERO : responseDelay;
        sessionStartDelay = sessionStartDelay == null ? Duration.ZERO : sessionStartDelay;
        poisonKinds = poisonKinds == null || poisonKinds.isEmpty() ? List.of(PoisonKind.values()) : List.copyOf(poisonKinds);
    }

    /** A builder starting from no fault. */
    public static Builder builder() {
        return new Builder(NONE);
    }

    /** A builder starting from these faults. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link Faults}; every setter replaces one field. */
    public static final class Builder {
        private double produceFailRate;
        private double produceStoreThenFailRate;
        private int closeSessionAfterMessages;
        private double closeSessionRate;
        private double dropConfirmRate;
        private Duration responseDelay;
        private Duration sessionStartDelay;
        private Duration instanceExpiry;
        private double poisonRate;
        private List<PoisonKind> poisonKinds;

        private Builder(Faults from) {
            produceFailRate = from.produceFailRate;
            produceStoreThenFailRate = from.produceStoreThenFailRate;
            closeSessionAfterMessages = from.closeSessionAfterMessages;
            closeSessionRate = from.closeSessionRate;
            dropConfirmRate = from.dropConfirmRate;
            responseDelay = from.responseDelay;
            sessionStartDelay = from.sessionStartDelay;
            instanceExpiry = from.instanceExpiry;
            poisonRate = from.poisonRate;
            poisonKinds = from.poisonKinds;
        }

        public Builder produceFailRate(double rate) {
            produceFailRate = rate;
            return this;
        }

        public Builder produceStoreThenFailRate(double rate) {
            produceStoreThenFailRate = rate;
            return this;
        }

        public Builder closeSessionAfterMessages(int messages) {
            closeSessionAfterMessages = messages;
            return this;
        }

        public Builder closeSessionRate(double rate) {
            closeSessionRate = rate;
            return this;
        }

        public Builder dropConfirmRate(double rate) {
            dropConfirmRate = rate;
            return this;
        }

        public Builder responseDelay(Duration delay) {
            responseDelay = delay;
            return this;
        }

        public Builder sessionStartDelay(Duration delay) {
            sessionStartDelay = delay;
            return this;
        }

        public Builder instanceExpiry(Duration expiry) {
            instanceExpiry = expiry;
            return this;
        }

        public Builder poisonRate(double rate) {
            poisonRate = rate;
            return this;
        }

        /** The poison events the {@code poisonRate} stores, taken in turn; none given means every kind. */
        public Builder poisonKinds(PoisonKind... kinds) {
            poisonKinds = List.of(kinds);
            return this;
        }

        public Faults build() {
            return new Faults(produceFailRate, produceStoreThenFailRate, closeSessionAfterMessages,
                    closeSessionRate, dropConfirmRate, responseDelay, sessionStartDelay, instanceExpiry, poisonRate,
                    poisonKinds);
        }
    }
}
