package org.mconnectevents.camel.client;

import io.cloudevents.CloudEvent;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.util.List;

/**
 * A consumer session by long polling one consumer instance. The instance's base address is the
 * {@code Location} the service returned, used verbatim with only {@code /events}, {@code /confirm} and
 * {@code /dead} appended. One poll is in flight at a time; a 404 means the instance expired and ends the
 * session with {@link ConsumerInstanceGoneException}, so the consumer creates a new one. State is guarded by
 * the session's monitor.
 */
final class LongPollingSession implements ConsumerSession {

    private final MConnectEventsClient client;
    private final String base;
    private final SessionListener listener;

    private boolean ended;
    private boolean paused;
    private boolean polling;

    private LongPollingSession(MConnectEventsClient client, String base, SessionListener listener) {
        this.client = client;
        this.base = base;
        this.listener = listener;
    }

    static LongPollingSession start(MConnectEventsClient client, String base, SessionListener listener) {
        LongPollingSession session = new LongPollingSession(client, base, listener);
        session.poll();
        return session;
    }

    private void poll() {
        synchronized (this) {
            if (ended || paused || polling) {
                return;
            }
            polling = true;
        }
        client.sessionExchange(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(base + "/events")
                        .putHeader("Accept", "application/cloudevents-batch+json"), null,
                client.options().requestTimeout(), "a poll of consumer instance " + base)
                .onComplete(result -> {
                    // still "polling" while the batch is delivered, so that no other poll can deliver in between
                    boolean goOn = result.succeeded() && (result.result().status() != 200 || deliver(result.result()));
                    synchronized (this) {
                        polling = false;
                    }
                    if (result.failed()) {
                        end(result.cause() instanceof MConnectEventsRejectedException rejected && rejected.getStatus() == 404
                                ? new ConsumerInstanceGoneException(base, rejected.getServerText())
                                : result.cause());
                    } else if (goOn) {
                        poll();
                    }
                });
    }

    private boolean deliver(MConnectEventsClient.Response response) {
        List<ConsumedEvent> events;
        try {
            events = EventCodec.consumedBatch(response.body());
        } catch (RuntimeException e) {
            end(new IllegalStateException("MConnect Events answered a poll of " + base + " with something that is not a batch of"
                    + " CloudEvents with offsets: " + e.getMessage() + ". The answer began: "
                    + WebSocketSession.abbreviate(response.body().toString()), e));
            return false;
        }
        for (ConsumedEvent event : events) {
            try {
                listener.onEvent(this, event);
            } catch (RuntimeException e) {
                // an event that cannot be taken must not be skipped: end the session, it comes again in the next
                end(new IllegalStateException("The consumer could not take offset " + event.offset() + " from " + base
                        + ": " + MConnectEventsClient.describe(e), e));
                return false;
            }
        }
        return true;
    }

    @Override
    public Future<Void> confirm(long offset) {
        return client.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(base + "/confirm?offset=" + offset),
                null, "the confirmation of offset " + offset + " on " + base).mapEmpty();
    }

    @Override
    public Future<Void> dead(CloudEvent event) {
        return client.sendBinary(base + "/dead", EventCodec.toBinary(event),
                "the dead event (source=" + event.getSource() + ", id=" + event.getId() + ")");
    }

    @Override
    public void pause() {
        synchronized (this) {
            paused = true;
        }
    }

    @Override
    public void resume() {
        synchronized (this) {
            paused = false;
        }
        poll();
    }

    @Override
    public Future<Void> close() {
        end(null);
        // the protocol asks every client to delete its instance when it shuts down; 404 means it is gone already
        return delete();
    }

    private void end(Throwable cause) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        if (cause != null && !(cause instanceof ConsumerInstanceGoneException)) {
            // the instance may still hold events for this consumer: free it now rather than when it expires
            delete().onFailure(e -> { /* best effort: an instance not deleted expires on its own */ });
        }
        listener.onClosed(cause);
    }

    private Future<Void> delete() {
        return client.request(new RequestOptions().setMethod(HttpMethod.DELETE).setAbsoluteURI(base), null,
                        "deleting consumer instance " + base)
                .<Void>mapEmpty()
                .recover(e -> e instanceof MConnectEventsRejectedException rejected && rejected.getStatus() == 404
                        ? Future.succeededFuture() : Future.failedFuture(e));
    }

    @Override
    public String describe() {
        return "long-polling consumer instance " + base;
    }
}
