package org.mconnectevents.camel.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Camel Quarkus's camel-jpa comes without Spring's transaction classes: the building blocks an application uses there
 * (relay, JTA idempotency, personal-data record, outbox row) must load, be verified and answer without them. Each class
 * is loaded and initialized in a class loader that has this module's class path less everything of Spring.
 */
class WithoutSpringTest {

    private static final List<String> USED_ON_QUARKUS = List.of(
            "org.mconnectevents.camel.jpa.TransactionalEntityManager",
            "org.mconnectevents.camel.jpa.outbox.Outbox",
            "org.mconnectevents.camel.jpa.outbox.OutboxRelay",
            "org.mconnectevents.camel.jpa.idempotency.MConnectEventsIdempotency",
            "org.mconnectevents.camel.jpa.idempotency.RouteTransactionMessageIdRepository",
            "org.mconnectevents.camel.jpa.idempotency.ConcurrentDeliveryException",
            "org.mconnectevents.camel.jpa.personaldata.PersonalDataRecorder",
            "org.mconnectevents.camel.jpa.personaldata.JpaRecordSink",
            "org.mconnectevents.camel.jpa.SpringTransactions");

    @Test
    void theBuildingBlocksUsedOnQuarkusLoadWithoutSpring() throws Exception {
        try (URLClassLoader withoutSpring = new WithoutSpring(classPath())) {
            assertThatThrownBy(() -> Class.forName("org.springframework.transaction.PlatformTransactionManager", true, withoutSpring))
                    .isInstanceOf(ClassNotFoundException.class);
            for (String name : USED_ON_QUARKUS) {
                assertThat(Class.forName(name, true, withoutSpring)).as(name).isNotNull();
            }
            Class<?> spring = Class.forName("org.mconnectevents.camel.jpa.SpringTransactions", true, withoutSpring);
            Method present = spring.getMethod("present");
            Method transactionActive = spring.getMethod("transactionActive");
            assertThat(present.invoke(null)).isEqualTo(false);
            assertThat(transactionActive.invoke(null)).isEqualTo(false);
        }
    }

    private static URL[] classPath() throws MalformedURLException {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** This module's class path, less Spring; the JDK's own classes from the platform loader. */
    private static final class WithoutSpring extends URLClassLoader {
        WithoutSpring(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.springframework.")) {
                throw new ClassNotFoundException(name + " (Spring is left out of this class loader)");
            }
            return super.loadClass(name, resolve);
        }
    }
}
