package org.mconnectevents.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The shop's order intake answers what became of a posted order: 201 stored with its event, 400 refused, 500 when its
 * transaction failed, even at the commit.
 */
class OrderIntakeTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private Main main;
    private URI orders;

    @BeforeEach
    void startTheShop() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        orders = URI.create("http://127.0.0.1:" + port + "/orders");
        main = new Main();
        main.configure().addConfiguration(new ExampleConfiguration());
        main.addOverrideProperty("example.http.port", String.valueOf(port));
        main.start();
    }

    @AfterEach
    void stopTheShop() throws Exception {
        main.stop();
    }

    @Test
    void aMalformedOrderIsRefusedWith400AndNothingIsStored() throws Exception {
        HttpResponse<String> answer = post("{\"item\": \"tea\", \"quantity\": 2}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("customerIdnp");
        ShopDatabase database = main.getCamelContext().getRegistry().lookupByNameAndType("shopDatabase", ShopDatabase.class);
        assertThat(database.count("placed_order")).isZero();
        assertThat(database.count("mconnect_outbox")).isZero();
    }

    @Test
    void aGoodOrderIsStoredWithItsEventAnd201() throws Exception {
        HttpResponse<String> answer = post("{\"customerIdnp\": \"2000000000017\", \"item\": \"tea\", \"quantity\": 2}");

        assertThat(answer.statusCode()).isEqualTo(201);
        ShopDatabase database = main.getCamelContext().getRegistry().lookupByNameAndType("shopDatabase", ShopDatabase.class);
        assertThat(database.count("placed_order")).isEqualTo(1);
        assertThat(database.count("mconnect_outbox")).isEqualTo(1);
    }

    @Test
    void anOrderWhoseTransactionFailsAtCommitIsAnswered500AndNothingIsStored() throws Exception {
        // the database refuses the commit, after every step of the route succeeded (as when it goes away right then)
        AdviceWith.adviceWith(main.getCamelContext(), "order-intake", route -> route.weaveByToString(".*outboxAppend.*")
                .after().process(exchange -> TransactionSynchronizationManager.registerSynchronization(
                        new TransactionSynchronization() {
                            @Override
                            public void beforeCommit(boolean readOnly) {
                                throw new DataAccessResourceFailureException("the database went away at the commit");
                            }
                        })));

        HttpResponse<String> answer = post("{\"customerIdnp\": \"2000000000017\", \"item\": \"tea\", \"quantity\": 2}");

        assertThat(answer.statusCode()).isEqualTo(500);
        ShopDatabase database = main.getCamelContext().getRegistry().lookupByNameAndType("shopDatabase", ShopDatabase.class);
        assertThat(database.count("placed_order")).isZero();
        assertThat(database.count("mconnect_outbox")).isZero();
    }

    private HttpResponse<String> post(String order) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(orders).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(order)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
