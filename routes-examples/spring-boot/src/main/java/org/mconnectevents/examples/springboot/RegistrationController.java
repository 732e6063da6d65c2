package org.mconnectevents.examples.springboot;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /registrations {"idnp": "...", "name": "..."}}: registers a citizen, answers 202 with the registration's id. */
@RestController
public class RegistrationController {

    /** What a client sends. */
    public record RegistrationRequest(String idnp, String name) {
    }

    private final RegistrationService service;

    public RegistrationController(RegistrationService service) {
        this.service = service;
    }

    @PostMapping("/registrations")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, String> register(@RequestBody RegistrationRequest request) {
        return Map.of("id", service.register(request.idnp(), request.name()));
    }
}
