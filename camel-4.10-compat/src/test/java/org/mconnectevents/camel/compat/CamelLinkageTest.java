package org.mconnectevents.camel.compat;

import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.compat.ClassFileReferences.Kind;
import org.mconnectevents.camel.compat.ClassFileReferences.Reference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component's and the building blocks' jars link against Camel 4.10.7 as the JVM would link it, code paths that no test of this module
 * runs included (the JPA building blocks' calls into Camel's core among them): every Camel class, method and field
 * it refers to exists with that descriptor, and every Camel abstract method its concrete classes inherit is
 * implemented. The tests that run the component find what a path they take lacks; this finds it on every path.
 */
class CamelLinkageTest {

    private static final String CAMEL = "org/apache/camel/";
    /** camel-jpa, which the building blocks use and which is not available at 4.10.7 to this build. */
    private static final List<String> CAMEL_NOT_ON_THIS_CLASS_PATH = List.of("org/apache/camel/component/jpa/",
            "org/apache/camel/processor/idempotent/jpa/");
    /** What the JPA building blocks need beyond Camel and the JPA API; absent here as camel-jpa is. */
    private static final List<String> OTHERS_NOT_ON_THIS_CLASS_PATH = List.of("org/springframework/");

    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void everyCamelClassMethodAndFieldTheJarRefersToExistsOnCamel4107() throws Exception {
        Set<String> unresolved = new TreeSet<>();
        Set<Reference> checked = new LinkedHashSet<>();
        for (Map.Entry<String, byte[]> classFile : OurJars.classFiles().entrySet()) {
            for (Reference reference : ClassFileReferences.of(classFile.getValue())) {
                if (reference.owner().startsWith(CAMEL) && !notOnThisClassPath(reference.owner(), CAMEL_NOT_ON_THIS_CLASS_PATH)) {
                    checked.add(reference);
                    if (!resolves(reference)) {
                        unresolved.add(classFile.getKey() + " -> " + reference);
                    }
                }
            }
        }
        assertThat(checked).as("Camel references read from the jars").hasSizeGreaterThan(100);
        assertThat(unresolved).as("Camel references of the component missing from Camel 4.10.7").isEmpty();
    }

    @Test
    void aMemberResolvesOnlyWithItsOwnerNameAndDescriptor() {
        assertThat(resolves(new Reference(Kind.METHOD, "org/apache/camel/Exchange", "getMessage", "()Lorg/apache/camel/Message;"))).isTrue();
        assertThat(resolves(new Reference(Kind.METHOD, "org/apache/camel/Exchange", "getMessage", "()Ljava/lang/Object;"))).isFalse();
        assertThat(resolves(new Reference(Kind.METHOD, "org/apache/camel/Exchange", "getMessages", "()Lorg/apache/camel/Message;"))).isFalse();
        assertThat(resolves(new Reference(Kind.METHOD, "org/apache/camel/support/DefaultComponent", "<init>", "()V"))).isTrue();
        assertThat(resolves(new Reference(Kind.FIELD, "org/apache/camel/Exchange", "HTTP_RESPONSE_CODE", "Ljava/lang/String;"))).isTrue();
        assertThat(resolves(new Reference(Kind.CLASS, "org/apache/camel/NoSuchThing", null, null))).isFalse();
    }

    @Test
    void everyConcreteClassImplementsTheAbstractMethodsOfItsCamelSupertypesOnCamel4107() throws Exception {
        List<String> unimplemented = new ArrayList<>();
        List<String> unloadable = new ArrayList<>();
        int camelSubtypes = 0;
        for (String className : OurJars.classFiles().keySet()) {
            try {
                Class<?> type = Class.forName(className, false, loader);
                if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || !hasCamelSupertype(type)) {
                    continue;
                }
                camelSubtypes++;
                for (Method method : abstractMethodsOfSupertypes(type)) {
                    if (!implemented(type, method)) {
                        unimplemented.add(className + " lacks " + method);
                    }
                }
            } catch (NoClassDefFoundError e) {
                String missing = e.getMessage().replace('.', '/');
                if (!notOnThisClassPath(missing, CAMEL_NOT_ON_THIS_CLASS_PATH) && !notOnThisClassPath(missing, OTHERS_NOT_ON_THIS_CLASS_PATH)) {
                    unloadable.add(className + " needs " + e.getMessage());
                }
            }
        }
        assertThat(camelSubtypes).as("classes of the jars extending or implementing Camel types").isGreaterThan(10);
        assertThat(unloadable).isEmpty();
        assertThat(unimplemented).isEmpty();
    }

    private static boolean notOnThisClassPath(String className, List<String> packages) {
        return packages.stream().anyMatch(className::startsWith);
    }

    private boolean resolves(Reference reference) {
        Class<?> owner;
        try {
            owner = Class.forName(reference.owner().replace('/', '.'), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        return switch (reference.kind()) {
            case CLASS -> true;
            case FIELD -> hierarchy(owner).stream().flatMap(type -> Arrays.stream(type.getDeclaredFields()))
                    .anyMatch(field -> field.getName().equals(reference.name()) && descriptor(field).equals(reference.descriptor()));
            case METHOD -> "<init>".equals(reference.name())
                    ? Arrays.stream(owner.getDeclaredConstructors()).anyMatch(constructor -> descriptor(constructor).equals(reference.descriptor()))
                    : hierarchy(owner).stream().flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                            .anyMatch(method -> method.getName().equals(reference.name()) && descriptor(method).equals(reference.descriptor()));
        };
    }

    /** Where the JVM looks a member up (JVMS 5.4.3): the class, its superclasses, its superinterfaces, Object. */
    private static List<Class<?>> hierarchy(Class<?> owner) {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Class<?> type = owner; type != null; type = type.getSuperclass()) {
            types.add(type);
        }
        Deque<Class<?>> interfaces = new ArrayDeque<>();
        types.forEach(type -> interfaces.addAll(List.of(type.getInterfaces())));
        while (!interfaces.isEmpty()) {
            Class<?> type = interfaces.pop();
            if (types.add(type)) {
                interfaces.addAll(List.of(type.getInterfaces()));
            }
        }
        types.add(Object.class);
        return new ArrayList<>(types);
    }

    private static boolean hasCamelSupertype(Class<?> type) {
        return hierarchy(type).stream().anyMatch(supertype -> supertype.getName().startsWith("org.apache.camel."));
    }

    private static List<Method> abstractMethodsOfSupertypes(Class<?> type) {
        return hierarchy(type).stream().filter(supertype -> supertype != type)
                .flatMap(supertype -> Arrays.stream(supertype.getDeclaredMethods()))
                .filter(method -> Modifier.isAbstract(method.getModifiers())).toList();
    }

    /** A concrete method of the class or its superclasses, or a default method of an interface, takes it. */
    private static boolean implemented(Class<?> type, Method abstractMethod) {
        return hierarchy(type).stream().flatMap(candidate -> Arrays.stream(candidate.getDeclaredMethods()))
                .anyMatch(method -> !Modifier.isAbstract(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                        && method.getName().equals(abstractMethod.getName())
                        && Arrays.equals(method.getParameterTypes(), abstractMethod.getParameterTypes()));
    }

    private static String descriptor(Method method) {
        return MethodType.methodType(method.getReturnType(), method.getParameterTypes()).toMethodDescriptorString();
    }

    private static String descriptor(Constructor<?> constructor) {
        return MethodType.methodType(void.class, constructor.getParameterTypes()).toMethodDescriptorString();
    }

    private static String descriptor(Field field) {
        return field.getType().descriptorString();
    }
}
