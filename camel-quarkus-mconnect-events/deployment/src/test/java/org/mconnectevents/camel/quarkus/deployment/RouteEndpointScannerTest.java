package org.mconnectevents.camel.quarkus.deployment;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** How the event types an application produces are read from its routes without running them. */
class RouteEndpointScannerTest {

    private static final Map<String, String> CONFIG = Map.of("orders.source", "urn:example:orders");

    @Test
    void aUriWithSourceAndTypeIsAProducedType() {
        RouteEndpointScanner scanner = scanner(null, null);

        scanner.scanText("- to: \"mconnect-events:events?source=urn:example:shop&type=EXA.Shop.Order.Placed\"");

        assertThat(scanner.producedTypes()).containsExactly(new ProducedEventType("urn:example:shop", "EXA.Shop.Order.Placed"));
    }

    @Test
    void placeholdersAreResolvedFromTheConfigurationAndTheirDefaults() {
        RouteEndpointScanner scanner = scanner(null, null);

        scanner.scanText("<to uri=\"mconnect-events:events?source={{orders.source}}&amp;type={{orders.type:EXA.Orders.Order.Created}}\"/>");

        assertThat(scanner.producedTypes()).containsExactly(new ProducedEventType("urn:example:orders", "EXA.Orders.Order.Created"));
    }

    @Test
    void aPlaceholderWithoutValueLeavesTheUriUncounted() {
        RouteEndpointScanner scanner = scanner(null, null);

        scanner.scanText("mconnect-events:events?source={{unknown.source}}&type=EXA.Orders.Order.Created");

        assertThat(scanner.producedTypes()).isEmpty();
    }

    @Test
    void theComponentsDefaultsFillWhatAUriLeavesOutAndCountThemselves() {
        RouteEndpointScanner scanner = scanner("urn:example:shop", "EXA.Shop.Order.Placed");

        scanner.scanText("mconnect-events:events?type=EXA.Shop.Order.Cancelled mconnect-events:events?group=shop");

        assertThat(scanner.producedTypes()).containsExactly(
                new ProducedEventType("urn:example:shop", "EXA.Shop.Order.Cancelled"),
                new ProducedEventType("urn:example:shop", "EXA.Shop.Order.Placed"));
    }

    @Test
    void aConsumingUriProducesNothing() {
        RouteEndpointScanner scanner = scanner(null, null);

        scanner.scanText("from: mconnect-events:events?group=shop&parallelism=4");

        assertThat(scanner.producedTypes()).isEmpty();
    }

    private static RouteEndpointScanner scanner(String defaultSource, String defaultType) {
        return new RouteEndpointScanner(key -> Optional.ofNullable(CONFIG.get(key)), defaultSource, defaultType);
    }
}
