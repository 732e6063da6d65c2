package org.mconnectevents.camel.jpa.idempotency;

import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.MConnectEventsConstants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The key of an event is unambiguous whatever its source and id contain, readable while it fits the key column, and
 * a fixed-length hash when it does not; the expression reads it from what an mconnect-events consumer puts on the
 * exchange, and says what is missing when the exchange carries no event.
 */
class EventKeyTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stopContext() throws Exception {
        context.close();
    }

    @Test
    void aShortKeyIsReadableTheSourceWithItsLengthInFrontThenTheId() {
        assertThat(EventKey.of("urn:test:registry", "order-1")).isEqualTo("17:urn:test:registry:order-1");
    }

    @Test
    void pairsThatConcatenateToTheSameTextStillGetDifferentKeys() {
        List<String[]> pairs = List.of(new String[] { "a:b", "c" }, new String[] { "a", "b:c" }, new String[] { "1:a", "b" },
                new String[] { "1", "a:b" }, new String[] { "3:a:b", "c" }, new String[] { "3", "a:b:c" },
                new String[] { "urn:x", "1" }, new String[] { "urn:x:", "1" }, new String[] { "urn:x", ":1" });
        Set<String> keys = new HashSet<>();
        pairs.forEach(pair -> keys.add(EventKey.of(pair[0], pair[1])));

        assertThat(keys).hasSize(pairs.size());
    }

    @Test
    void aKeyLongerThanTheColumnIsAHashOfFixedLengthAndDifferentEventsKeepDifferentHashes() {
        String source = "urn:md:gov:agency:" + "registry/".repeat(30);
        String first = EventKey.of(source, "order-1");
        String second = EventKey.of(source, "order-2");

        assertThat(first).startsWith(EventKey.HASHED_PREFIX).hasSize(EventKey.HASHED_LENGTH).matches("sha256:[A-Za-z0-9_-]{43}");
        assertThat(second).hasSize(EventKey.HASHED_LENGTH).isNotEqualTo(first);
        assertThat(EventKey.of(source, "order-1")).as("the same event, the same key").isEqualTo(first);
    }

    @Test
    void theBoundIsTheColumnLengthAndAReadableKeyThatFitsExactlyStaysReadable() {
        String id = "x".repeat(EventKey.DEFAULT_MAX_LENGTH - "5:urn:a:".length());

        assertThat(EventKey.of("urn:a", id)).hasSize(EventKey.DEFAULT_MAX_LENGTH).startsWith("5:urn:a:");
        assertThat(EventKey.of("urn:a", id + "x")).startsWith(EventKey.HASHED_PREFIX);
        assertThat(EventKey.of("urn:a", "order-1", EventKey.HASHED_LENGTH)).isEqualTo("5:urn:a:order-1");
        assertThat(EventKey.of("urn:a", "order-1-" + "x".repeat(60), 64)).hasSize(EventKey.HASHED_LENGTH);
    }

    @Test
    void aColumnTooShortForAHashedKeyIsRefusedWithTheLengthItNeeds() {
        assertThatThrownBy(() -> EventKey.of("urn:a", "1", 40)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs up to 50 characters").hasMessageContaining("allows 40");
        assertThatThrownBy(() -> EventKey.eventKey(40)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEventWithoutSourceOrIdHasNoKey() {
        assertThatThrownBy(() -> EventKey.of("", "1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("its source is empty");
        assertThatThrownBy(() -> EventKey.of("urn:a", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("its id is empty");
    }

    @Test
    void theExpressionReadsTheHeadersAConsumerSets() {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE, "urn:test:registry");
        exchange.getMessage().setHeader(MConnectEventsConstants.CLOUD_EVENT_ID, "order-1");
        exchange.getMessage().setBody("{\"order\":1}");

        assertThat(EventKey.eventKey().evaluate(exchange, String.class)).isEqualTo("17:urn:test:registry:order-1");
    }

    @Test
    void theExpressionReadsACloudEventBody() {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(CloudEventBuilder.v1().withId("order-1").withSource(URI.create("urn:test:registry"))
                .withType("MCE.Test.Order.Created").build());

        assertThat(EventKey.eventKey().evaluate(exchange, String.class)).isEqualTo("17:urn:test:registry:order-1");
    }

    @Test
    void anExchangeWithoutAnEventFailsWithAMessageNamingWhatIsMissing() {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE, "urn:test:registry");
        exchange.getMessage().setBody("{\"order\":1}");

        assertThatThrownBy(() -> EventKey.eventKey().evaluate(exchange, String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing header CamelCloudEventID")
                .hasMessageNotContaining("header CamelCloudEventSource")
                .hasMessageContaining("the body is not a CloudEvent")
                .hasMessageContaining("mconnect-events:events");
    }
}
