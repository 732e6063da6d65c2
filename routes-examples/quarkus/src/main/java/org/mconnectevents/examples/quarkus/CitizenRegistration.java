package org.mconnectevents.examples.quarkus;

/**
 * The data of an {@code EXAMPLE.CivilRegistry.Citizen.Registered} event: a citizen entered in the civil registry.
 * The component writes it as the event's JSON data, and the consumer reads it back from that JSON.
 *
 * @param registrationNumber the civil registry's number of the registration, from which the event's id is made
 * @param idnp               the citizen's personal identification number (13 digits), the data subject of the event
 * @param fullName           the name as registered
 * @param registeredOn       the day of the registration, ISO-8601 ({@code 2026-11-27})
 */
public record CitizenRegistration(String registrationNumber, String idnp, String fullName, String registeredOn) {
}
