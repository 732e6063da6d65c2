package org.mconnectevents.client;

import io.cloudevents.CloudEvent;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.util.List;

/**
 * A consumer session by long polling one consumer instance. The instance's base address is the
 * {@code Location} the service returned, used verbatim with only {@code /events}, {@code /confirm} and
 * {@code /dead} appended. One poll is in flight at a time; a 404 means the instance expired and ends the
 * session with {@link ConsumerInstanceGoneException}, so the consumer creates a new one. An answer that is no
 * batch at all ends the session with {@link UnreadableBatchException}; the next session then takes its events one
 * at a time ({@code /event}) until it is past them. State is guarded by the session's monitor.
 */
final class LongPollingSession implements ConsumerSession {

    /** How many events a session polls one at a time after an unreadable batch, at most. */
    static final int SINGLE_POLLS = 1000;

    private final MConnectEventsClient client;
    private final String base;
    private final int maxEventSize;
    private final SessionListener listener;

    private boolean ended;
    private boolean paused;
    private boolean polling;
    /** Polls left that take one event each ({@code /event}), after a batch that was no JSON array. */
    private int singlePollsLeft;

    private LongPollingSession(MConnectEventsClient client, String base, int maxEventSize, SessionListener listener) {
        this.client = client;
        this.base = base;
        this.maxEventSize = maxEventSize;
        this.listener = listener;
    }

    /**
     * @param singleEventsFirst poll one event at a time at first (until nothing is waiting, or {@value #SINGLE_POLLS}
     *                          events), because the last session ended on a batch it could not split into events
     */
    static LongPollingSession start(MConnectEventsClient client, String base, int maxEventSize, boolean singleEventsFirst,
                                    SessionListener listener) {
        LongPollingSession session = new LongPollingSession(client, base, maxEventSize, listener);
        session.singlePollsLeft = singleEventsFirst ? SINGLE_POLLS : 0;
        session.poll();
        return session;
    }

    private void poll() {
        boolean single;
        synchronized (this) {
            if (ended || paused || polling) {
                return;
            }
            polling = true;
            single = singlePollsLeft > 0;
        }
        client.sessionExchange(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(base + (single ? "/event" : "/events"))
                        .putHeader("Accept", single ? "application/cloudevents+json" : "application/cloudevents-batch+json"), null,
                client.options().requestTimeout(), "a poll of consumer instance " + base)
                .onComplete(result -> {
                    // still "polling" while the events are delivered, so that no other poll can deliver in between
                    boolean goOn = result.succeeded() && delivered(result.result(), single);
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

    /** Hands the events of an answer to the listener; false when the answer ended the session. */
    private boolean delivered(MConnectEventsClient.Response response, boolean single) {
        if (response.status() != 200) {
            synchronized (this) {
                singlePollsLeft = 0; // nothing waiting: whatever held the unreadable batch is behind
            }
            return true;
        }
        if (single) {
            synchronized (this) {
                singlePollsLeft--;
            }
            deliverOne(response.body().getBytes());
            return true;
        }
        return deliverBatch(response);
    }

    /**
     * Hands a batch's events to the listener. Reading an event never ends the session: an element that cannot be read
     * goes to the listener undecoded, with its offset, and one without even an offset is skipped, so that the next
     * cumulative confirmation covers it. A body that is no JSON array at all cannot be split into events, so none of
     * them can be tracked, nor skipped safely: the session ends, its events come again in the next one, which polls
     * them one at a time.
     */
    private boolean deliverBatch(MConnectEventsClient.Response response) {
        List<ConsumedEvent> events;
        try {
            events = EventCodec.consumedBatch(response.body(), maxEventSize, unreadable -> listener.onUnreadable(this, unreadable));
        } catch (UnreadableFrameException e) {
            end(new UnreadableBatchException(base, e));
            return false;
        }
        for (ConsumedEvent event : events) {
            listener.onEvent(this, event);
        }
        return true;
    }

    /** One event of a single poll: read, undecoded, or, without even an offset, skipped. */
    private void deliverOne(byte[] body) {
        ConsumedEvent event;
        try {
            event = EventCodec.consumed(body, maxEventSize);
        } catch (UnreadableFrameException e) {
            listener.onUnreadable(this, e);
            return;
        }
        listener.onEvent(this, event);
    }

    @Override
    public Future<Void> confirm(long offset) {
        return client.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(base + "/confirm?offset=" + offset),
                null, "the confirmation of offset " + offset + " on " + base).mapEmpty();
    }

    @Override
    public boolean keepsConfirmationsInOrder() {
        return false;
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
