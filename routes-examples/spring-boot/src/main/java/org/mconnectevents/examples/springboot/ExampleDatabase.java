package org.mconnectevents.examples.springboot;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the database when {@code spring.datasource.url} is not set: the PostgreSQL at 127.0.0.1:5432 when it answers
 * (database {@code postgres}, user {@code postgres}, schema {@code civil_registry}; the password in
 * {@code spring.datasource.password} or {@code SPRING_DATASOURCE_PASSWORD}), else a new in-memory H2 database, so that
 * the example runs anywhere. {@code example.database.platform} says which ({@code postgresql} or {@code h2}), for the
 * DDL; an explicit {@code spring.datasource.url} must set it too unless it is a PostgreSQL one.
 * {@code example.database.schema} names the PostgreSQL schema to create when it is missing (the one the URL's
 * {@code currentSchema} names).
 */
public class ExampleDatabase implements EnvironmentPostProcessor {

    static final String PLATFORM = "example.database.platform";
    static final String SCHEMA = "example.database.schema";
    private static final InetSocketAddress POSTGRESQL = new InetSocketAddress("127.0.0.1", 5432);

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("spring.datasource.url");
        Map<String, Object> chosen;
        if (url != null && !url.isBlank()) {
            chosen = Map.of(PLATFORM, environment.getProperty(PLATFORM, url.startsWith("jdbc:h2:") ? "h2" : "postgresql"));
        } else if (answers(POSTGRESQL)) {
            chosen = Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=civil_registry",
                    "spring.datasource.username", environment.getProperty("spring.datasource.username", "postgres"),
                    PLATFORM, "postgresql", SCHEMA, "civil_registry");
        } else {
            chosen = Map.of("spring.datasource.url", "jdbc:h2:mem:civil-registry;DB_CLOSE_DELAY=-1", PLATFORM, "h2");
        }
        environment.getPropertySources().addLast(new MapPropertySource("exampleDatabase", chosen));
    }

    private static boolean answers(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
