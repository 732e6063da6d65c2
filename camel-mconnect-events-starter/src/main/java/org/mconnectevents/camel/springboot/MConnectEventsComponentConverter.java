package org.mconnectevents.camel.springboot;

import io.vertx.core.Vertx;
import java.util.Set;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.mconnectevents.camel.MConnectEventsConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.lang.Nullable;

/**
 * Binds the component's object options ({@code configuration}, {@code ssl-context-parameters}, {@code vertx}) to
 * beans of the application: {@code camel.component.mconnect-events.ssl-context-parameters=#bean:mconnectTls} (or
 * {@code #mconnectTls}), as Camel's generated starters do. A value that does not start with {@code #} converts to
 * nothing; a named bean that does not exist, or is of another type, fails the start naming it.
 */
@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesBinding
public class MConnectEventsComponentConverter implements GenericConverter {

    private static final Set<Class<?>> BEAN_TYPES = Set.of(MConnectEventsConfiguration.class, SSLContextParameters.class,
            Vertx.class);

    private final ApplicationContext applicationContext;

    public MConnectEventsComponentConverter(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(new ConvertiblePair(String.class, MConnectEventsConfiguration.class),
                new ConvertiblePair(String.class, SSLContextParameters.class), new ConvertiblePair(String.class, Vertx.class));
    }

    @Override
    @Nullable
    public Object convert(@Nullable Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null || !BEAN_TYPES.contains(targetType.getType())) {
            return null;
        }
        String reference = source.toString();
        if (!reference.startsWith("#")) {
            return null;
        }
        String name = reference.startsWith("#bean:") ? reference.substring("#bean:".length()) : reference.substring(1);
        return applicationContext.getBean(name, targetType.getType());
    }
}
