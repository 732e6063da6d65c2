package org.mconnectevents.camel;

import org.apache.camel.Exchange;
import org.apache.camel.support.jsse.CipherSuitesParameters;
import org.apache.camel.support.jsse.SSLContextClientParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SecureSocketProtocolsParameters;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.support.RegistryCamelTestSupport;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;

/**
 * The protocols and cipher suites of Camel's SSLContextParameters (and of its client parameters, which override them)
 * are the ones the handshake offers. The emulator's certificate has an EC key: offering only a suite for RSA
 * certificates makes the handshake fail, offering an ECDSA suite lets it succeed.
 */
class SslContextParametersSuitesTest extends RegistryCamelTestSupport {

    private static final String FOR_RSA_CERTIFICATES = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
    private static final String FOR_EC_CERTIFICATES = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

    @Test
    void onlyACipherSuiteTheServiceCannotUseFailsTheHandshake() {
        SSLContextParameters parameters = tls12With(FOR_RSA_CERTIFICATES);

        Exchange sent = produceWith(parameters);

        assertThat(sent.getException()).isNotNull();
    }

    @Test
    void aCipherSuiteTheServiceCanUseProduces() {
        Exchange sent = produceWith(tls12With(FOR_EC_CERTIFICATES));

        assertThat(sent.getException()).isNull();
    }

    @Test
    void theClientParametersOverrideTheCommonOnes() {
        SSLContextParameters parameters = tls12With(FOR_RSA_CERTIFICATES);
        SSLContextClientParameters client = new SSLContextClientParameters();
        client.setCipherSuites(cipherSuites(FOR_EC_CERTIFICATES));
        parameters.setClientParameters(client);

        Exchange sent = produceWith(parameters);

        assertThat(sent.getException()).isNull();
    }

    /** TLS 1.2 only (the suites named are TLS 1.2 suites) with one cipher suite; the key comes from keyStore. */
    private static SSLContextParameters tls12With(String cipherSuite) {
        SecureSocketProtocolsParameters protocols = new SecureSocketProtocolsParameters();
        protocols.setSecureSocketProtocol(List.of("TLSv1.2"));
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setSecureSocketProtocols(protocols);
        parameters.setCipherSuites(cipherSuites(cipherSuite));
        return parameters;
    }

    private static CipherSuitesParameters cipherSuites(String cipherSuite) {
        CipherSuitesParameters suites = new CipherSuitesParameters();
        suites.setCipherSuite(List.of(cipherSuite));
        return suites;
    }

    private Exchange produceWith(SSLContextParameters parameters) {
        context.getRegistry().bind("tls", parameters);
        context.start();
        return context.createProducerTemplate().send("mconnect-events:events?sslContextParameters=#tls", exchange -> {
            exchange.getMessage().setBody("{\"order\":3}");
            exchange.getMessage().setHeaders(Map.of(MConnectEventsConstants.CLOUD_EVENT_SOURCE, SOURCE,
                    MConnectEventsConstants.CLOUD_EVENT_TYPE, ORDER_CREATED));
        });
    }
}
