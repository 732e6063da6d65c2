package org.mconnectevents.soak.driver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The business requests: each of the {@code senders} threads owns some keys and sends their requests one after
 * another, each key's next sequence number only once the previous one was accepted (200), to one producer at a time,
 * chosen at random and changed after a failure. A failed request (producer killed, database down, 500) is sent again
 * with the same request id until accepted or the deadline passes. Then the bad requests, one per key of their own.
 */
final class Load {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final SoakOptions options;
    private final List<URI> producers = new ArrayList<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final Set<String> acceptedIds = ConcurrentHashMap.newKeySet();
    private volatile long deadline;

    Load(SoakOptions options, List<Integer> producerPorts) {
        this.options = options;
        producerPorts.forEach(port -> producers.add(URI.create("http://127.0.0.1:" + port + "/requests")));
    }

    static String key(int index) {
        return String.format("k%05d", index);
    }

    static String badKey(int index) {
        return String.format("bad%03d", index);
    }

    static String requestId(String key, long seq) {
        return key + "-" + seq;
    }

    /** Sends every request; returns false when the deadline passed first. */
    boolean run(long deadlineNanos) throws InterruptedException {
        deadline = deadlineNanos;
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < options.senders(); s++) {
            int sender = s;
            Thread thread = new Thread(() -> sendKeysOf(sender), "soak-sender-" + s);
            thread.start();
            senders.add(thread);
        }
        for (Thread sender : senders) {
            sender.join();
        }
        for (int b = 0; b < options.badEvents() && System.nanoTime() < deadline; b++) {
            send(badKey(b), 1, true);
        }
        return accepted.get() == (long) options.events() + options.badEvents();
    }

    /** Round robin over this sender's keys, one request per key per round, until each reached its last number. */
    private void sendKeysOf(int sender) {
        List<String> keys = new ArrayList<>();
        for (int k = sender; k < options.keys(); k += options.senders()) {
            keys.add(key(k));
        }
        long perKey = options.events() / options.keys();
        long extra = options.events() % options.keys();
        for (long seq = 1; seq <= perKey + 1 && System.nanoTime() < deadline; seq++) {
            for (String key : keys) {
                int index = Integer.parseInt(key.substring(1));
                long last = perKey + (index < extra ? 1 : 0);
                if (seq <= last && !send(key, seq, false)) {
                    return;
                }
            }
        }
    }

    /** Sends one request until a producer accepts it; false when the deadline passed first. */
    private boolean send(String key, long seq, boolean bad) {
        String id = requestId(key, seq);
        ObjectNode body = json.createObjectNode().put("requestId", id).put("key", key).put("seq", seq).put("bad", bad);
        if (!bad) {
            // a made-up 13-digit IDNP, the data subject of the consumer's personal-data record
            body.put("idnp", String.format("2%012d", Math.abs((long) id.hashCode()) % 1_000_000_000_000L));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        int producer = ThreadLocalRandom.current().nextInt(producers.size());
        while (System.nanoTime() < deadline) {
            attempts.incrementAndGet();
            try {
                HttpResponse<Void> answer = http.send(request.uri(producers.get(producer)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    if (acceptedIds.add(id)) {
                        accepted.incrementAndGet();
                    }
                    return true;
                }
            } catch (IOException refusedOrCut) {
                // the producer was killed or is restarting: the next attempt goes to another one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            failedAttempts.incrementAndGet();
            producer = (producer + 1) % producers.size();
            PostgreSql.pause(Duration.ofMillis(100));
        }
        return false;
    }

    long accepted() {
        return accepted.get();
    }

    long attempts() {
        return attempts.get();
    }

    long failedAttempts() {
        return failedAttempts.get();
    }

    Set<String> acceptedIds() {
        return acceptedIds;
    }
}
