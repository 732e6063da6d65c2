package org.mconnectevents.soak.driver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The soak's options ({@code --name value} on the command line). The defaults are the full soak; {@link #shortSoak()}
 * the one every build runs.
 *
 * @param events        good business requests (events) to send, spread evenly over the keys
 * @param keys          partition keys; a key's requests go one after another, each with the key's next sequence number
 * @param badEvents     structurally bad requests (no data subject) on keys of their own: their events must go dead
 * @param poisonEvents  unreadable events put into the consumer's stream through the emulator's admin API: dead too
 * @param producers     producer processes
 * @param consumers     consumer processes (one long polling, the others WebSocket); must divide 12
 * @param senders       the driver's concurrent senders of business requests
 * @param killMin       least time between two kills
 * @param killMax       most time between two kills (0 or less: no kills)
 * @param outage        how long PostgreSQL is stopped, once, when 30 % of the requests are accepted (zero: never)
 * @param faults        whether the emulator's faults are switched on and off during the load
 * @param faultPeriod   how long each fault phase lasts
 * @param duration      the longest the load may take (a timeout fails the soak)
 * @param drainTimeout  the longest the drain may take after the load (a timeout fails the soak)
 * @param work          the folder for the processes' logs, certificates and the report
 * @param emulatorJar   the standalone emulator's jar
 * @param consumeAfterLoad start the consumers only once every event is stored in the emulator (the scale-out
 *                      measurement: the consumers' own speed, not the producers')
 * @param longPolling   whether the first consumer uses long polling (the others use WebSocket)
 */
public record SoakOptions(int events, int keys, int badEvents, int poisonEvents, int producers, int consumers, int senders,
                          Duration killMin, Duration killMax, Duration outage, boolean faults, Duration faultPeriod,
                          Duration duration, Duration drainTimeout, Path work, Path emulatorJar,
                          boolean consumeAfterLoad, boolean longPolling) {

    public SoakOptions {
        if (consumers < 1 || 12 % consumers != 0) {
            throw new IllegalArgumentException("--consumers must divide 12 (1, 2, 3, 4, 6 or 12), not " + consumers);
        }
        if (producers < 1 || keys < 1 || events < keys || senders < 1) {
            throw new IllegalArgumentException("--producers and --senders must be 1 or more, and --events at least --keys");
        }
    }

    /** The full soak: 100,000 events over 1,000 keys, 2 producers, 3 consumers, kills every 10–20 s. */
    public static SoakOptions defaults() {
        return new SoakOptions(100_000, 1_000, 20, 4, 2, 3, 48, Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(20), true, Duration.ofSeconds(15), Duration.ofMinutes(60), Duration.ofMinutes(10),
                Path.of(System.getProperty("soak.work", "target/soak")), standaloneEmulator(), false, true);
    }

    /** The short soak of every build: 10,000 events over 200 keys, a few kills, one database stop. */
    public static SoakOptions shortSoak() {
        SoakOptions d = defaults();
        return new SoakOptions(10_000, 200, 6, 2, d.producers(), d.consumers(), 32, Duration.ofSeconds(8),
                Duration.ofSeconds(12), Duration.ofSeconds(20), true, Duration.ofSeconds(8), Duration.ofMinutes(10),
                Duration.ofMinutes(5), Path.of(System.getProperty("soak.work", "target/soak-short")), d.emulatorJar(), false, true);
    }

    /** Options from the command line, over the defaults (or over the short soak's with {@code --short}). */
    public static SoakOptions parse(String... args) {
        SoakOptions base = defaults();
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--short")) {
                base = shortSoak();
            } else if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name + "; known: --short " + String.join(" ", NAMES)
                        + " (durations in seconds; --kill-max 0: no kills, --outage 0: no database stop, --faults false: none)");
            } else if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            } else {
                given.put(name, args[++i]);
            }
        }
        return new SoakOptions(number(given, "--events", base.events), number(given, "--keys", base.keys),
                number(given, "--bad", base.badEvents), number(given, "--poison", base.poisonEvents),
                number(given, "--producers", base.producers), number(given, "--consumers", base.consumers),
                number(given, "--senders", base.senders), seconds(given, "--kill-min", base.killMin),
                seconds(given, "--kill-max", base.killMax), seconds(given, "--outage", base.outage),
                Boolean.parseBoolean(given.getOrDefault("--faults", String.valueOf(base.faults))), base.faultPeriod,
                seconds(given, "--duration", base.duration), seconds(given, "--drain-timeout", base.drainTimeout),
                given.containsKey("--work") ? Path.of(given.get("--work")) : base.work, base.emulatorJar,
                Boolean.parseBoolean(given.getOrDefault("--consume-after-load", String.valueOf(base.consumeAfterLoad))),
                Boolean.parseBoolean(given.getOrDefault("--long-polling", String.valueOf(base.longPolling))));
    }

    private static final List<String> NAMES = List.of("--events", "--keys", "--bad", "--poison", "--producers",
            "--consumers", "--senders", "--kill-min", "--kill-max", "--outage", "--faults", "--duration",
            "--drain-timeout", "--work", "--consume-after-load", "--long-polling");

    private static int number(Map<String, String> given, String name, int otherwise) {
        return given.containsKey(name) ? Integer.parseInt(given.get(name)) : otherwise;
    }

    private static Duration seconds(Map<String, String> given, String name, Duration otherwise) {
        return given.containsKey(name) ? Duration.ofSeconds(Long.parseLong(given.get(name))) : otherwise;
    }

    /** The same options in another work folder (one run's). */
    public SoakOptions inFolder(Path folder) {
        return new SoakOptions(events, keys, badEvents, poisonEvents, producers, consumers, senders, killMin, killMax,
                outage, faults, faultPeriod, duration, drainTimeout, folder, emulatorJar, consumeAfterLoad, longPolling);
    }

    public boolean killsOn() {
        return !killMax.isZero() && !killMax.isNegative();
    }

    private static Path standaloneEmulator() {
        return Path.of(System.getProperty("soak.emulator.jar",
                "../mconnect-events-emulator/target/mconnect-events-emulator.jar"));
    }
}
