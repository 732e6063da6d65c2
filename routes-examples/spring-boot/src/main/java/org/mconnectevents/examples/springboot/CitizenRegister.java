package org.mconnectevents.examples.springboot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.springframework.stereotype.Component;

/**
 * The consumer's business write, called by the consumer routes as bean {@code citizenRegister}: stores the announced
 * citizen in the route's transaction. Data that is not JSON is a structural failure (Jackson's exception), so the
 * dead letter channel reports the event dead.
 */
@Component("citizenRegister")
public class CitizenRegister {

    private final RegisteredCitizens citizens;
    private final ObjectMapper json;

    public CitizenRegister(RegisteredCitizens citizens, ObjectMapper json) {
        this.citizens = citizens;
        this.json = json;
    }

    /** Stores the citizen a registration event announces. */
    public void store(String data) throws IOException {
        JsonNode registration = json.readTree(data);
        citizens.save(new RegisteredCitizen(registration.path("registration").asText(), registration.path("idnp").asText(),
                registration.path("name").asText()));
    }
}
