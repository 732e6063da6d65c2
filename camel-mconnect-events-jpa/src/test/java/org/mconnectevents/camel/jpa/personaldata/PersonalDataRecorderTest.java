package org.mconnectevents.camel.jpa.personaldata;

import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.MConnectEventsConstants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code PersonalDataRecorder.to(policy, uri)} sends the records of each event as one {@code List<PersonalDataRecord>}
 * with the event's headers; events without a rule send nothing; data that is not JSON, or a path that finds an
 * object, fails with the event and the path named.
 */
class PersonalDataRecorderTest extends CamelTestSupport {

    private static final PersonalDataPolicy POLICY = PersonalDataPolicy.idno("1003600000002")
            .type("MS.eCMND.Person.Born").subject("$.ChildIDNP").subject("$.Parents[*].IDNP")
                .legalBasis("$.Law").legalReason("Birth registration").end()
            .build();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:events").process(PersonalDataRecorder.to(POLICY, "mock:records")).to("mock:processed");
            }
        };
    }

    @Test
    void theRecordsOfAnEventReachTheEndpointAsOneListWithTheEventsHeaders() throws Exception {
        MockEndpoint records = getMockEndpoint("mock:records");
        records.expectedMessageCount(1);
        String data = "{\"ChildIDNP\":\"2000000000001\",\"Law\":\"Law 100/2001, art. 12\","
                + "\"Parents\":[{\"IDNP\":\"2000000000002\"},{\"IDNP\":2000000000003}]}";

        template.sendBodyAndHeaders("direct:events", data.getBytes(StandardCharsets.UTF_8), event("born-1", "MS.eCMND.Person.Born"));

        records.assertIsSatisfied();
        Exchange sent = records.getExchanges().get(0);
        assertThat(sent.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID)).isEqualTo("born-1");
        @SuppressWarnings("unchecked")
        List<PersonalDataRecord> list = sent.getMessage().getBody(List.class);
        assertThat(list).extracting(PersonalDataRecord::getSubject).containsExactly("2000000000001", "2000000000002", "2000000000003");
        assertThat(list).allSatisfy(record -> {
            assertThat(record.getEventSource()).isEqualTo("urn:md:ecmnd");
            assertThat(record.getEventType()).isEqualTo("MS.eCMND.Person.Born");
            assertThat(record.getLegalBasis()).isEqualTo("Law 100/2001, art. 12");
            assertThat(record.getLegalReason()).isEqualTo("Birth registration");
            assertThat(record.getProcessorIdno()).isEqualTo("1003600000002");
            assertThat(record.getId()).as("not persisted by the recorder").isNull();
        });
        assertThat(getMockEndpoint("mock:processed").getExchanges()).singleElement()
                .satisfies(processed -> assertThat(processed.getMessage().getBody()).isInstanceOf(byte[].class));
    }

    @Test
    void aCloudEventBodyIsRecordedFromItsOwnAttributes() throws Exception {
        MockEndpoint records = getMockEndpoint("mock:records");
        records.expectedMessageCount(1);

        template.sendBody("direct:events", CloudEventBuilder.v1().withId("born-2").withSource(URI.create("urn:md:ecmnd"))
                .withType("MS.eCMND.Person.Born").withData("application/json",
                        "{\"ChildIDNP\":\"2000000000001\",\"Law\":\"L\",\"Parents\":[{\"IDNP\":\"2000000000002\"}]}".getBytes(StandardCharsets.UTF_8)).build());

        records.assertIsSatisfied();
        @SuppressWarnings("unchecked")
        List<PersonalDataRecord> list = records.getExchanges().get(0).getMessage().getBody(List.class);
        assertThat(list).extracting(PersonalDataRecord::getEventId, PersonalDataRecord::getSubject)
                .containsExactly(tuple("born-2", "2000000000001"),
                        tuple("born-2", "2000000000002"));
    }

    @Test
    void anEventOfATypeWithoutARuleSendsNothingAndPassesUntouched() throws Exception {
        getMockEndpoint("mock:records").expectedMessageCount(0);
        getMockEndpoint("mock:processed").expectedBodiesReceived("not even JSON");

        template.sendBodyAndHeaders("direct:events", "not even JSON", event("order-1", "MS.Shop.Order.Created"));

        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void dataThatIsNotJsonFailsNamingTheEventAndItsType() {
        Exchange result = template.send("direct:events", exchange -> {
            exchange.getMessage().setHeaders(event("born-3", "MS.eCMND.Person.Born"));
            exchange.getMessage().setBody("ChildIDNP=2000000000001");
        });

        assertThat(result.getException()).isInstanceOf(PersonalDataPathMissingException.class)
                .hasMessageStartingWith("Event (source=urn:md:ecmnd, id=born-3) of type MS.eCMND.Person.Born has data that is not JSON");
    }

    @Test
    void aPathThatFindsAnObjectInsteadOfAValueFailsNamingThePath() {
        Exchange result = template.send("direct:events", exchange -> {
            exchange.getMessage().setHeaders(event("born-4", "MS.eCMND.Person.Born"));
            exchange.getMessage().setBody("{\"ChildIDNP\":{\"value\":\"2000000000001\"},\"Law\":\"L\",\"Parents\":[]}");
        });

        assertThat(result.getException()).isInstanceOf(PersonalDataPathMissingException.class).hasMessage(
                "Event (source=urn:md:ecmnd, id=born-4) of type MS.eCMND.Person.Born: the personal-data path $.ChildIDNP (data "
                        + "subject) finds an object, not a value in its data, so the processing cannot be recorded. The producer "
                        + "must put it in such events; if the path is wrong, correct the personal-data rule of MS.eCMND.Person.Born.");
    }

    private static Map<String, Object> event(String id, String type) {
        return Map.of(MConnectEventsConstants.CLOUD_EVENT_SOURCE, "urn:md:ecmnd", MConnectEventsConstants.CLOUD_EVENT_ID, id,
                MConnectEventsConstants.CLOUD_EVENT_TYPE, type);
    }
}
