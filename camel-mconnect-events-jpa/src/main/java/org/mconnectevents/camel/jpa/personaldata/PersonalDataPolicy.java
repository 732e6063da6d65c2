package org.mconnectevents.camel.jpa.personaldata;

import java.io.IOException;
import java.time.Instant;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.mconnectevents.camel.MConnectEventsProducedEventCheck;
import org.mconnectevents.client.Redaction;

/**
 * What a consumer records of the personal data it processes: its own IDNO (the legal entity that processes the
 * data, one per policy) and one {@link PersonalDataRule} per event type. Events of other types carry no personal data
 * as far as the consumer is concerned and are not recorded.
 * <p>
 * In Java:
 * <pre>{@code
 * PersonalDataPolicy policy = PersonalDataPolicy.idno("1003600000002")
 *         .type("MS.eCMND.Person.Born").subject("$.ChildIDNP").subject("$.Parents[*].IDNP")
 *             .legalBasis("Law 133/2011, art. 5").legalReason("$.EventReason").end()
 *         .build();
 * }</pre>
 * From properties ({@link #fromProperties(Properties, String)}, or {@link #parse(String)} for the same lines in one
 * text, e.g. a YAML block): {@code idno}, and per type {@code <type>.subjects} (comma separated),
 * {@code <type>.legalBasis}, {@code <type>.legalReason}:
 * <pre>
 * idno = 1003600000002
 * MS.eCMND.Person.Born.subjects = $.ChildIDNP, $.Parents[*].IDNP
 * MS.eCMND.Person.Born.legalBasis = Law 133/2011, art. 5
 * MS.eCMND.Person.Born.legalReason = $.EventReason
 * </pre>
 */
public final class PersonalDataPolicy {

    private static final List<String> RULE_KEYS = List.of("subjects", "legalBasis", "legalReason");

    private final String idno;
    private final Map<String, PersonalDataRule> rules;

    private PersonalDataPolicy(String idno, Collection<PersonalDataRule> rules) {
        if (idno == null || idno.isBlank()) {
            throw new IllegalArgumentException("A personal-data policy needs the IDNO of the legal entity that processes the "
                    + "data (the consumer's, as registered with MConnect Events).");
        }
        this.idno = idno.strip();
        Map<String, PersonalDataRule> byType = new LinkedHashMap<>();
        for (PersonalDataRule rule : rules) {
            if (byType.putIfAbsent(rule.getEventType(), rule) != null) {
                throw new IllegalArgumentException("The personal-data policy has two rules for " + rule.getEventType()
                        + "; keep one, with every subject path in it.");
            }
        }
        this.rules = Map.copyOf(byType);
    }

    /** Starts a policy for the legal entity with this IDNO. */
    public static Builder idno(String idno) {
        return new Builder(idno);
    }

    /** A policy of this IDNO and these rules. */
    public static PersonalDataPolicy of(String idno, Collection<PersonalDataRule> rules) {
        return new PersonalDataPolicy(idno, rules);
    }

    /**
     * A policy from properties under {@code prefix} (e.g. {@code personal-data}, or empty): {@code <prefix>.idno} and,
     * per event type, {@code <prefix>.<type>.subjects}, {@code .legalBasis}, {@code .legalReason}.
     *
     * @throws IllegalArgumentException naming the key when a key is unknown or a rule is incomplete
     */
    public static PersonalDataPolicy fromProperties(Properties properties, String prefix) {
        String start = prefix == null || prefix.isEmpty() ? "" : prefix.endsWith(".") ? prefix : prefix + ".";
        String idno = null;
        Map<String, Map<String, String>> byType = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames().stream().sorted().toList()) {
            if (!key.startsWith(start)) {
                continue;
            }
            String name = key.substring(start.length());
            String value = properties.getProperty(key);
            if (name.equals("idno")) {
                idno = value;
                continue;
            }
            int dot = name.lastIndexOf('.');
            String attribute = dot < 0 ? name : name.substring(dot + 1);
            if (dot <= 0 || !RULE_KEYS.contains(attribute)) {
                throw new IllegalArgumentException("Unknown personal-data property " + key + ": expected " + start + "idno or "
                        + start + "<event type>." + String.join("|", RULE_KEYS) + ".");
            }
            byType.computeIfAbsent(name.substring(0, dot), type -> new LinkedHashMap<>()).put(attribute, value);
        }
        List<PersonalDataRule> rules = new ArrayList<>();
        byType.forEach((type, values) -> rules.add(new PersonalDataRule(type, splitPaths(values.get("subjects")),
                values.get("legalBasis"), values.get("legalReason"))));
        return new PersonalDataPolicy(idno, rules);
    }

    /** A policy from the lines of {@link #fromProperties(Properties, String)} without prefix, in one text. */
    public static PersonalDataPolicy parse(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text == null ? "" : text));
        } catch (IOException e) {
            throw new UncheckedIOException("a string reader failed", e);
        }
        return fromProperties(properties, "");
    }

    /** The IDNO of the legal entity that processes the data: the consumer. */
    public String getIdno() {
        return idno;
    }

    /** The rule of an event type, or null when events of that type are not recorded. */
    public PersonalDataRule rule(String eventType) {
        return eventType == null ? null : rules.get(eventType);
    }

    /** Every rule, by event type. */
    public Map<String, PersonalDataRule> getRules() {
        return rules;
    }

    /**
     * The same rules on the producer's side, for the operator's checklist: set as the endpoint option
     * {@code producedEventCheck}, it tells of each event of a type with a rule whether it carries the data subjects, legal
     * basis and legal reason its consumers will record, naming the path that finds nothing and never quoting the data.
     * It reports; the event is sent either way.
     */
    public MConnectEventsProducedEventCheck producerCheck() {
        return event -> {
            PersonalDataRule rule = rule(event.getType());
            if (rule == null) {
                return null;
            }
            try {
                rule.records(String.valueOf(event.getSource()), event.getId(),
                        event.getData() == null ? null : event.getData().toBytes(), idno, Instant.EPOCH,
                        Redaction.HIDING_EVENT_DATA);
                return null;
            } catch (PersonalDataPathMissingException lacking) {
                return lacking.getMessage();
            }
        };
    }

    @Override
    public String toString() {
        return "PersonalDataPolicy[idno " + idno + ", " + rules.values() + "]";
    }

    /** Splits comma-separated JSON paths, keeping commas inside brackets and quotes (e.g. {@code $['a','b']}). */
    static List<String> splitPaths(String paths) {
        List<String> result = new ArrayList<>();
        if (paths == null) {
            return result;
        }
        int depth = 0;
        char quote = 0;
        StringBuilder current = new StringBuilder();
        for (char c : paths.toCharArray()) {
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                result.add(current.toString().strip());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        result.add(current.toString().strip());
        return result.stream().filter(path -> !path.isEmpty()).toList();
    }

    /** Builds a {@link PersonalDataPolicy}: {@code type(...)} per event type, then {@link #build()}. */
    public static final class Builder {

        private final String idno;
        private final List<PersonalDataRule> rules = new ArrayList<>();

        private Builder(String idno) {
            this.idno = idno;
        }

        /** Starts the rule of an event type; {@link RuleBuilder#end()} returns here. */
        public RuleBuilder type(String eventType) {
            return new RuleBuilder(this, eventType);
        }

        /** Adds a rule made elsewhere. */
        public Builder rule(PersonalDataRule rule) {
            rules.add(rule);
            return this;
        }

        /** The policy; every rule is checked and its paths compiled by now. */
        public PersonalDataPolicy build() {
            return new PersonalDataPolicy(idno, rules);
        }
    }

    /** Builds the {@link PersonalDataRule} of one event type. */
    public static final class RuleBuilder {

        private final Builder policy;
        private final String eventType;
        private final List<String> subjects = new ArrayList<>();
        private String legalBasis;
        private String legalReason;

        private RuleBuilder(Builder policy, String eventType) {
            this.policy = policy;
            this.eventType = eventType;
        }

        /** A JSON path naming data subjects (one, or several when it goes through an array); call once per path. */
        public RuleBuilder subject(String jsonPath) {
            subjects.add(jsonPath);
            return this;
        }

        /** The legal basis: fixed text, or a JSON path into the event's data when it starts with {@code $}. */
        public RuleBuilder legalBasis(String textOrJsonPath) {
            this.legalBasis = textOrJsonPath;
            return this;
        }

        /** The legal reason: fixed text, or a JSON path into the event's data when it starts with {@code $}. */
        public RuleBuilder legalReason(String textOrJsonPath) {
            this.legalReason = textOrJsonPath;
            return this;
        }

        /** Ends this rule (checking it) and returns to the policy. */
        public Builder end() {
            return policy.rule(new PersonalDataRule(eventType, subjects, legalBasis, legalReason));
        }
    }
}
