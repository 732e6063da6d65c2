package org.mconnectevents.benchmarks;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.mconnectevents.emulator.Emulator;

import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * What an integrator would write without the component: a camel-http route that posts one event per request to
 * {@code /ce/produce/event}, with the client certificate and the service's CA handed to camel-http through
 * {@link SSLContextParameters}.
 * <p>
 * Out of the box, camel-http's client (Apache HttpClient 5) keeps the TLS client certificate's principal as the
 * state of each pooled connection and leases such a connection only to a request carrying that same state, which
 * a request of a route never does: every request opens a new connection and makes a full TLS handshake. The
 * measured baseline therefore sets the component's {@code connectionStateDisabled=true}, so that connections are
 * kept; the out-of-the-box route is measured apart, to show what an integrator would first see.
 */
final class CamelHttpRoute {

    private final ProducerTemplate template;
    private final Endpoint produce;

    /**
     * A route on its own camel-http component instance (named {@code scheme}, which must start with "https"),
     * keeping its connections or not.
     */
    CamelHttpRoute(CamelContext camel, Emulator emulator, String scheme, boolean keepConnections) throws Exception {
        HttpComponent http = new HttpComponent();
        http.setSslContextParameters(tls(emulator));
        http.setConnectionStateDisabled(keepConnections);
        camel.addComponent(scheme, http);
        String address = scheme + "://" + emulator.baseAddress().getAuthority() + "/ce/produce/event";
        String route = "direct:" + scheme;
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(route).routeId(scheme + "-produce")
                        .setHeader(Exchange.CONTENT_TYPE, constant("application/cloudevents+json"))
                        .to(address);
            }
        });
        this.template = camel.createProducerTemplate();
        this.produce = camel.getEndpoint(route);
    }

    /** Posts one event, given as its JSON text. */
    CompletionStage<Exchange> produce(String json) {
        Exchange exchange = produce.createExchange();
        exchange.getMessage().setBody(json);
        return template.asyncSend(produce, exchange).thenApply(sent -> {
            if (sent.getException() != null) {
                throw new CompletionException(sent.getException());
            }
            return sent;
        });
    }

    private static SSLContextParameters tls(Emulator emulator) throws Exception {
        char[] password = emulator.keyStorePassword().toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(emulator.clientKeyStore(Benchmarks.PRODUCER))) {
            keys.load(in, password);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(emulator.trustedCertificate())) {
            trust.setCertificateEntry("mconnect-events-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        KeyManagersParameters keyManagers = new KeyManagersParameters();
        keyManagers.setKeyStore(keyStoreParameters(keys));
        keyManagers.setKeyPassword(emulator.keyStorePassword());
        TrustManagersParameters trustManagers = new TrustManagersParameters();
        trustManagers.setKeyStore(keyStoreParameters(trust));
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setKeyManagers(keyManagers);
        parameters.setTrustManagers(trustManagers);
        return parameters;
    }

    private static KeyStoreParameters keyStoreParameters(KeyStore store) {
        KeyStoreParameters parameters = new KeyStoreParameters();
        parameters.setKeyStore(store);
        return parameters;
    }
}
