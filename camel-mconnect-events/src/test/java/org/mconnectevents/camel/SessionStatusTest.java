package org.mconnectevents.camel;

import io.vertx.core.Vertx;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the console and the metrics read of a session, from their own threads, while the session's owner thread
 * delivers and confirms: the confirmation lag is a count of events, and never reads below zero, however the two
 * threads interleave.
 */
class SessionStatusTest {

    @Test
    void theConfirmationLagReadFromAnotherThreadIsNeverNegative() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            MConnectEventsEndpoint endpoint = context.getEndpoint(
                    "mconnect-events:events?baseAddress=https://127.0.0.1:1/", MConnectEventsEndpoint.class);
            MConnectEventsConsumer consumer = (MConnectEventsConsumer) endpoint.createConsumer(exchange -> { });
            OpenSession session = new OpenSession(1, new OwnerLoop(vertx, 1), Integer.MAX_VALUE,
                    new ConsumerMetrics(consumer), new BackOff(1000, 1000), (offset, cause) -> { });

            AtomicBoolean ownerDone = new AtomicBoolean();
            AtomicLong lowestLag = new AtomicLong();
            AtomicLong reads = new AtomicLong();
            Thread reader = new Thread(() -> {
                while (!ownerDone.get()) {
                    long lag = session.status("session", "CONNECTED", 0, null).confirmationLag();
                    lowestLag.accumulateAndGet(lag, Math::min);
                    reads.incrementAndGet();
                }
            }, "console-reader");
            reader.start();
            // the owner thread's part: each event delivered, finished and its confirmation acknowledged at once
            for (long offset = 0; offset < 3_000_000; offset++) {
                session.confirmations.delivered(offset);
                session.confirmations.finished(offset);
                session.confirmed(offset, 1);
            }
            ownerDone.set(true);
            reader.join();

            assertThat(reads.get()).isPositive();
            assertThat(lowestLag.get()).isNotNegative();
            assertThat(session.status("session", "CONNECTED", 0, null).confirmationLag()).isZero();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
