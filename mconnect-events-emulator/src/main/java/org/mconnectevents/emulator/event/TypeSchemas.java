package org.mconnectevents.emulator.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import org.mconnectevents.emulator.config.ClientConfig;
import org.mconnectevents.emulator.config.ConfigException;
import org.mconnectevents.emulator.config.EmulatorConfig;
import org.mconnectevents.emulator.config.ProducedType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JSON Schema configured per event type. The draft is taken from the schema's {@code $schema} (6, 7,
 * 2019-09 or 2020-12), 2020-12 when absent. Data that does not match is refused with 422.
 */
public final class TypeSchemas {

    private static final int MAX_REPORTED_ERRORS = 5;

    private final Map<String, JsonSchema> byType = new HashMap<>();

    /** Loads every schema the configuration names; a schema that cannot be read stops start-up. */
    public TypeSchemas(EmulatorConfig config) {
        List<ClientConfig> clients = config.clients();
        for (int c = 0; c < clients.size(); c++) {
            List<ProducedType> produces = clients.get(c).produces();
            for (int p = 0; p < produces.size(); p++) {
                ProducedType produced = produces.get(p);
                if (produced.schema() != null && !byType.containsKey(produced.type())) {
                    String key = "clients[" + c + "].produces[" + p + "].schema";
                    byType.put(produced.type(), load(produced.schema(), config.source() + ": " + key));
                }
            }
        }
    }

    /** @param where the configuration file and key naming the schema, for messages */
    private static JsonSchema load(Path file, String where) {
        JsonNode schema;
        try {
            schema = StoredEvent.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(where + ": schema " + file + " is not readable JSON: " + e.getMessage(), e);
        }
        if (schema == null || !(schema.isObject() || schema.isBoolean())) {
            throw new ConfigException(where + ": schema " + file + " is not a JSON Schema (an object or a boolean)");
        }
        SpecVersion.VersionFlag draft;
        try {
            draft = SpecVersionDetector.detectOptionalVersion(schema, true).orElse(SpecVersion.VersionFlag.V202012);
        } catch (RuntimeException e) {
            throw new ConfigException(where + ": schema " + file + ": unsupported $schema: " + e.getMessage(), e);
        }
        if (draft == SpecVersion.VersionFlag.V4) {
            throw new ConfigException(where + ": schema " + file
                    + ": draft 4 is not accepted by the service; use draft 6, 7, 2019-09 or 2020-12");
        }
        return JsonSchemaFactory.getInstance(draft).getSchema(schema);
    }

    /** Refuses with 422 when the type has a schema and the event's data does not match it. */
    public void check(StoredEvent event, String label) {
        JsonSchema schema = byType.get(event.type());
        if (schema == null) {
            return;
        }
        String name = label + " (" + event.describe() + ")";
        if (event.attribute("data_base64") != null) {
            throw new EventRejectedException(422, name + ": type " + event.type()
                    + " has a JSON Schema, but the data is binary, not JSON");
        }
        JsonNode data = event.data();
        Set<ValidationMessage> errors = schema.validate(data == null ? StoredEvent.JSON.nullNode() : data);
        if (!errors.isEmpty()) {
            String reasons = errors.stream().limit(MAX_REPORTED_ERRORS).map(ValidationMessage::getMessage)
                    .collect(Collectors.joining("; "));
            throw new EventRejectedException(422, name + ": the data does not match the schema of type "
                    + event.type() + ": " + reasons);
        }
    }
}
