package org.mconnectevents.emulator.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mconnectevents.emulator.config.ClientConfig;
import org.mconnectevents.emulator.config.ConfigException;
import org.mconnectevents.emulator.config.EmulatorConfig;
import org.mconnectevents.emulator.config.PersonalDataRule;
import org.mconnectevents.emulator.event.JsonPath;
import org.mconnectevents.emulator.event.StoredEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The service-side record of personal-data processing: when an event of a configured type is delivered to a
 * consumer, one entry per data subject with the consumer's IDNO, the legal basis and the legal reason.
 * A path that selects nothing is recorded with a {@code problem}, as the service cannot refuse a delivery.
 * Owned by the context thread.
 */
final class PersonalDataLog {

    private record Rule(List<JsonPath> subjects, String legalBasis, String legalReason) {
    }

    private final ObjectMapper json = new ObjectMapper();
    /** consumer name → type → rule. */
    private final Map<String, Map<String, Rule>> rules = new HashMap<>();
    private final Map<String, List<ObjectNode>> entries = new HashMap<>();

    PersonalDataLog(EmulatorConfig config) {
        for (ClientConfig client : config.clients()) {
            Map<String, Rule> byType = new HashMap<>();
            client.personalData().forEach((type, rule) -> byType.put(type, compile(config, client, type, rule)));
            rules.put(client.name(), byType);
        }
    }

    private static Rule compile(EmulatorConfig config, ClientConfig client, String type, PersonalDataRule rule) {
        try {
            List<JsonPath> subjects = new ArrayList<>();
            for (String subject : rule.subjects()) {
                subjects.add(JsonPath.compile(subject));
            }
            if (JsonPath.isPath(rule.legalBasis())) {
                JsonPath.compile(rule.legalBasis());
            }
            if (JsonPath.isPath(rule.legalReason())) {
                JsonPath.compile(rule.legalReason());
            }
            return new Rule(subjects, rule.legalBasis(), rule.legalReason());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.source() + ": clients[" + client.name() + "].personalData." + type
                    + ": " + e.getMessage(), e);
        }
    }

    void recordDelivery(ClientConfig consumer, String group, StoredEvent event, Instant now) {
        Map<String, Rule> byType = rules.get(consumer.name());
        Rule rule = byType == null ? null : byType.get(event.type());
        if (rule == null) {
            return;
        }
        JsonNode data = event.data();
        List<String> problems = new ArrayList<>();
        String legalBasis = resolve(rule.legalBasis(), data, problems);
        String legalReason = resolve(rule.legalReason(), data, problems);
        // every problem is known before the first entry is written, so that each entry of the delivery names them
        List<String> subjects = new ArrayList<>();
        for (JsonPath path : rule.subjects()) {
            List<JsonNode> selected = path.select(data);
            if (selected.isEmpty()) {
                problems.add("subject path " + path + " selects nothing");
            }
            selected.forEach(subject -> subjects.add(subject.asText()));
        }
        if (subjects.isEmpty()) {
            subjects.add(null);
        }
        List<ObjectNode> log = entries.computeIfAbsent(consumer.name(), n -> new ArrayList<>());
        for (String subject : subjects) {
            log.add(entry(consumer, group, event, now, subject, legalBasis, legalReason, problems));
        }
    }

    private static String resolve(String value, JsonNode data, List<String> problems) {
        if (!JsonPath.isPath(value)) {
            return value;
        }
        List<JsonNode> selected = JsonPath.compile(value).select(data);
        if (selected.isEmpty()) {
            problems.add("path " + value + " selects nothing");
            return null;
        }
        return selected.get(0).asText();
    }

    private ObjectNode entry(ClientConfig consumer, String group, StoredEvent event, Instant now, String subject,
                             String legalBasis, String legalReason, List<String> problems) {
        ObjectNode entry = json.createObjectNode();
        entry.put("time", now.toString());
        entry.put("consumer", consumer.name());
        entry.put("consumerIdno", consumer.idno());
        entry.put("group", group);
        entry.put("type", event.type());
        entry.put("source", event.source());
        entry.put("id", event.id());
        entry.put("subject", subject);
        entry.put("legalBasis", legalBasis);
        entry.put("legalReason", legalReason);
        if (!problems.isEmpty()) {
            entry.put("problem", String.join("; ", problems));
        }
        return entry;
    }

    ArrayNode entries(String consumer) {
        ArrayNode array = json.createArrayNode();
        entries.getOrDefault(consumer, List.of()).forEach(array::add);
        return array;
    }

    ArrayNode entries(String consumer, String subject, String type) {
        ArrayNode array = json.createArrayNode();
        for (ObjectNode entry : entries.getOrDefault(consumer, List.of())) {
            if (contains(entry.path("subject").asText(""), subject) && contains(entry.path("type").asText(""), type)) {
                array.add(entry);
            }
        }
        return array;
    }

    private static boolean contains(String value, String part) {
        return part == null || part.isEmpty()
                || value.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    int count(String consumer) {
        return entries.getOrDefault(consumer, List.of()).size();
    }

    void clear() {
        entries.clear();
    }
}
