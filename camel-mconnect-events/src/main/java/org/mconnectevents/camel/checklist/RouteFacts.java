package org.mconnectevents.camel.checklist;

import org.apache.camel.CamelContext;
import org.apache.camel.ErrorHandlerFactory;
import org.apache.camel.model.IdempotentConsumerDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.PropertyDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.errorhandler.DeadLetterChannelDefinition;

import java.util.ArrayList;
import java.util.List;

/**
 * What the checklist reads off one route's definition, as written (property placeholders not resolved): where it
 * starts, where it sends, whether an idempotent consumer or a declaration of idempotency is on it, and its dead letter
 * channel.
 *
 * @param routeId              the route's id
 * @param input                the URI the route starts from, as written
 * @param sends                the URIs it sends to anywhere in its steps (error handling included), as written
 * @param idempotentRepository the repository of its idempotent consumer, as written; null when it has none
 * @param idempotentByNature   the reason given in the route property {@value MConnectEventsChecklist#IDEMPOTENT_BY_NATURE};
 *                             null when none
 * @param deadLetterUri        the URI of its dead letter channel (the route's, else the context's); null when none
 */
record RouteFacts(String routeId, String input, List<String> sends, String idempotentRepository, String idempotentByNature,
                  String deadLetterUri) {

    /** The facts of every route of the context that has a definition (routes added without the model have none). */
    static List<RouteFacts> of(CamelContext context) {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        if (model == null) {
            return List.of();
        }
        ErrorHandlerFactory contextErrorHandler = context.getCamelContextExtension().getErrorHandlerFactory();
        List<RouteFacts> facts = new ArrayList<>();
        for (RouteDefinition route : model.getRouteDefinitions()) {
            List<String> sends = new ArrayList<>();
            List<String> repositories = new ArrayList<>();
            walk(route.getOutputs(), sends, repositories);
            ErrorHandlerFactory errorHandler = route.getErrorHandlerFactory() != null ? route.getErrorHandlerFactory()
                    : contextErrorHandler;
            facts.add(new RouteFacts(route.getRouteId(), route.getInput() == null ? null : route.getInput().getEndpointUri(),
                    List.copyOf(sends), repositories.isEmpty() ? null : repositories.get(0), property(route),
                    errorHandler instanceof DeadLetterChannelDefinition dlc ? dlc.getDeadLetterUri() : null));
        }
        return facts;
    }

    private static void walk(List<ProcessorDefinition<?>> steps, List<String> sends, List<String> repositories) {
        for (ProcessorDefinition<?> step : steps) {
            if (step instanceof SendDefinition<?> send) {
                sends.add(send.getEndpointUri());
            } else if (step instanceof ToDynamicDefinition toD) {
                sends.add(toD.getUri());
            } else if (step instanceof IdempotentConsumerDefinition idempotent) {
                repositories.add(idempotent.getIdempotentRepositoryBean() != null
                        ? idempotent.getIdempotentRepositoryBean().getClass().getSimpleName()
                        : String.valueOf(idempotent.getIdempotentRepository()));
            }
            walk(step.getOutputs(), sends, repositories);
        }
    }

    private static String property(RouteDefinition route) {
        if (route.getRouteProperties() == null) {
            return null;
        }
        return route.getRouteProperties().stream()
                .filter(property -> MConnectEventsChecklist.IDEMPOTENT_BY_NATURE.equals(property.getKey()))
                .map(PropertyDefinition::getValue)
                .findFirst().orElse(null);
    }

    /** Whether the route starts from this endpoint; compared on the channel and the group, as written. */
    boolean startsFrom(String channel) {
        return channel.equals(UriText.channel(input));
    }

    /** The sends to the given channel of the component. */
    List<String> sendsTo(String channel) {
        return sends.stream().filter(uri -> channel.equals(UriText.channel(uri))).toList();
    }
}
