package org.mconnectevents.camel.checklist;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.mconnectevents.camel.MConnectEventsChannel;
import org.mconnectevents.camel.MConnectEventsComponent;
import org.mconnectevents.camel.MConnectEventsEndpoint;
import org.apache.camel.util.URISupport;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the checks look at: the context's routes as written, its mconnect-events endpoints and their component. */
final class ChecklistScope {

    final CamelContext context;
    /** Null when the context never used the component. */
    final MConnectEventsComponent component;
    final List<MConnectEventsEndpoint> endpoints;
    final List<RouteFacts> routes;
    private final Map<String, RouteFacts> routesById;

    ChecklistScope(CamelContext context) {
        this.context = context;
        this.component = context.hasComponent("mconnect-events") instanceof MConnectEventsComponent found ? found : null;
        this.endpoints = context.getEndpoints().stream()
                .filter(MConnectEventsEndpoint.class::isInstance)
                .map(MConnectEventsEndpoint.class::cast)
                .toList();
        this.routes = RouteFacts.of(context);
        this.routesById = routes.stream().filter(route -> route.routeId() != null)
                .collect(Collectors.toMap(RouteFacts::routeId, Function.identity(), (first, second) -> first));
    }

    /** The running routes that consume from an mconnect-events endpoint, with that endpoint. */
    List<Route> consumerRoutes() {
        return context.getRoutes().stream().filter(route -> route.getEndpoint() instanceof MConnectEventsEndpoint).toList();
    }

    Optional<RouteFacts> facts(Route route) {
        return Optional.ofNullable(routesById.get(route.getRouteId()));
    }

    /** The endpoints that produce events (not test events, not dead reports). */
    List<MConnectEventsEndpoint> producers() {
        return endpoints.stream().filter(MConnectEventsEndpoint::hasProducer)
                .filter(endpoint -> endpoint.getChannel() == MConnectEventsChannel.EVENTS).toList();
    }

    /** An endpoint as the report names it: its URI with secrets masked. */
    static String name(MConnectEventsEndpoint endpoint) {
        return URISupport.sanitizeUri(endpoint.getEndpointUri());
    }

    /** A URI as written in a route, secrets masked, for the evidence. */
    static String name(String uri) {
        return uri == null ? "none" : URISupport.sanitizeUri(uri);
    }

    static String route(Route route) {
        return "route " + route.getRouteId();
    }
}
