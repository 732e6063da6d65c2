package org.mconnectevents.camel.jpa.personaldata;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mconnectevents.client.Redaction;
import org.mconnectevents.camel.jpa.personaldata.ConsumedEventData.RulePath;

/**
 * What the consumer records of the events of one type: the JSON paths of the data subjects (each may find several,
 * e.g. {@code $.Parents[*].IDNP}), the legal basis and the legal reason. Basis and reason are fixed text, or a JSON
 * path into the event's data when they start with {@code $}. Paths are compiled once, when the rule is made.
 */
public final class PersonalDataRule {

    private final String eventType;
    private final List<String> subjects;
    private final String legalBasis;
    private final String legalReason;
    private final List<RulePath> subjectPaths;
    private final RulePath legalBasisPath;
    private final RulePath legalReasonPath;

    /**
     * A rule for {@code eventType}; every argument required, {@code subjects} at least one path.
     *
     * @throws IllegalArgumentException naming the type and the problem, e.g. a path that does not compile
     */
    public PersonalDataRule(String eventType, List<String> subjects, String legalBasis, String legalReason) {
        this.eventType = required(eventType, "the event type", "?");
        if (subjects == null || subjects.isEmpty()) {
            throw new IllegalArgumentException("The personal-data rule of " + eventType + " names no data subject path; "
                    + "give at least one, e.g. $.IDNP.");
        }
        this.subjects = List.copyOf(subjects);
        this.legalBasis = required(legalBasis, "a legal basis", eventType);
        this.legalReason = required(legalReason, "a legal reason", eventType);
        List<RulePath> paths = new ArrayList<>();
        for (String subject : this.subjects) {
            if (!isPath(subject)) {
                throw new IllegalArgumentException("The personal-data rule of " + eventType + " has the subject '" + subject
                        + "', which is not a JSON path: a data subject is read from each event, e.g. $.IDNP.");
            }
            paths.add(compile(subject, eventType));
        }
        this.subjectPaths = List.copyOf(paths);
        this.legalBasisPath = isPath(legalBasis) ? compile(legalBasis, eventType) : null;
        this.legalReasonPath = isPath(legalReason) ? compile(legalReason, eventType) : null;
    }

    /** The event type this rule applies to. */
    public String getEventType() {
        return eventType;
    }

    /** The JSON paths of the data subjects. */
    public List<String> getSubjects() {
        return subjects;
    }

    /** The legal basis: fixed text, or a JSON path when it starts with {@code $}. */
    public String getLegalBasis() {
        return legalBasis;
    }

    /** The legal reason: fixed text, or a JSON path when it starts with {@code $}. */
    public String getLegalReason() {
        return legalReason;
    }

    /**
     * One record per distinct data subject the event's data names, in the order the paths find them; {@code redaction}
     * says whether a failure may quote the data.
     */
    List<PersonalDataRecord> records(String source, String id, Object data, String processorIdno, Instant processedAt,
                                     Redaction redaction) {
        ConsumedEventData event = ConsumedEventData.parse(source, id, eventType, data, redaction);
        Set<String> subjectsFound = new LinkedHashSet<>();
        for (RulePath path : subjectPaths) {
            subjectsFound.addAll(event.values(path, "data subject"));
        }
        String basis = legalBasisPath == null ? legalBasis : event.value(legalBasisPath, "legal basis");
        String reason = legalReasonPath == null ? legalReason : event.value(legalReasonPath, "legal reason");
        return subjectsFound.stream()
                .map(subject -> new PersonalDataRecord(source, id, eventType, subject, basis, reason, processorIdno, processedAt))
                .toList();
    }

    @Override
    public String toString() {
        return "PersonalDataRule[" + eventType + ": subjects " + subjects + ", basis " + legalBasis + ", reason " + legalReason + "]";
    }

    private static boolean isPath(String text) {
        return text.startsWith("$");
    }

    private static RulePath compile(String path, String eventType) {
        try {
            return new RulePath(path, JsonPath.compile(path));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("The personal-data rule of " + eventType + " has the JSON path '" + path
                    + "', which does not compile: " + e.getMessage(), e);
        }
    }

    private static String required(String value, String what, String eventType) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The personal-data rule of " + eventType + " needs " + what + ".");
        }
        return value.strip();
    }
}
