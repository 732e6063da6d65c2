package org.mconnectevents.emulator.junit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.mconnectevents.emulator.Emulator;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Starts one emulator per test class and stops it after the class. Register it on a static field to choose
 * the configuration, or with {@code @ExtendWith} for the built-in demo configuration; test methods and
 * constructors may take an {@link Emulator} parameter.
 * <pre>{@code
 * @RegisterExtension
 * static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withConfig(Path.of("src/test/resources/emulator.yaml"));
 *
 * @Test
 * void producesAnEvent() {
 *     URI base = EMULATOR.emulator().baseAddress();
 * }
 * }</pre>
 */
public class MConnectEventsEmulatorExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final Supplier<Emulator.Builder> builder;
    private Emulator emulator;

    /** The built-in demo configuration. */
    public MConnectEventsEmulatorExtension() {
        this(Emulator::builder);
    }

    private MConnectEventsEmulatorExtension(Supplier<Emulator.Builder> builder) {
        this.builder = builder;
    }

    /** A YAML configuration file. */
    public static MConnectEventsEmulatorExtension withConfig(Path file) {
        return new MConnectEventsEmulatorExtension(() -> Emulator.builder().configFile(file));
    }

    /** YAML configuration text. */
    public static MConnectEventsEmulatorExtension withYaml(String yaml) {
        return new MConnectEventsEmulatorExtension(() -> Emulator.builder().configYaml(yaml));
    }

    /** Any builder, e.g. with faults from the start. */
    public static MConnectEventsEmulatorExtension with(Supplier<Emulator.Builder> builder) {
        return new MConnectEventsEmulatorExtension(builder);
    }

    /** The running emulator (started before the first test of the class). */
    public Emulator emulator() {
        if (emulator == null) {
            emulator = builder.get().start();
        }
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Emulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator();
    }
}
