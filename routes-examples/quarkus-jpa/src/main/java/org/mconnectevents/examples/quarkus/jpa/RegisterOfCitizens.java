package org.mconnectevents.examples.quarkus.jpa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.camel.Exchange;
import org.mconnectevents.camel.MConnectEventsConstants;

/** The consuming side's register: one row per registration event, in the route's JTA transaction. */
@ApplicationScoped
public class RegisterOfCitizens {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager entityManager;

    /** Stores the citizen of a consumed event; a payload without a name is structural and goes dead. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void store(Exchange exchange) throws Exception {
        JsonNode data = JSON.readTree(exchange.getMessage().getBody(String.class));
        if (!data.hasNonNull("name")) {
            throw new IllegalArgumentException("A registration event without a name: event "
                    + exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID));
        }
        RegisteredCitizen citizen = new RegisteredCitizen();
        citizen.registration = exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class);
        citizen.idnp = data.path("idnp").asText();
        citizen.name = data.get("name").asText();
        entityManager.persist(citizen);
    }
}
