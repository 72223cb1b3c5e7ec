package org.nninit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a {@code module-info.java} exporting only the public API would enforce, checked by reflection instead:
 * ND4J 1.0.0-M2.1's own module descriptor is invalid (the JVM refuses {@code nd4j-api} on the module path:
 * "Package org.nd4j.autodiff.validation.listeners not found in module"), so no program can run nn-init as a
 * named module, and a descriptor would only break class-path users' tooling. The rule: no public or protected
 * member of a public class outside {@code org.nninit.internal} mentions an {@code org.nninit.internal} type.
 */
class ApiBoundaryTest {

    private static final String INTERNAL = "org.nninit.internal";

    @Test
    void publicApiNeverExposesInternalTypes() throws Exception {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> api = publicApiClasses();
        assertThat(api).extracting(Class::getName).contains("org.nninit.Init", "org.nninit.random.TorchGenerator",
                "org.nninit.modules.ModuleDefaults");
        for (Class<?> type : api) {
            for (Method method : type.getDeclaredMethods()) {
                if (visible(method.getModifiers())) {
                    check(leaks, type, method, method.getGenericReturnType());
                    checkParameters(leaks, type, method);
                }
            }
            for (var constructor : type.getDeclaredConstructors()) {
                if (visible(constructor.getModifiers())) {
                    checkParameters(leaks, type, constructor);
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (visible(field.getModifiers())) {
                    check(leaks, type, field, field.getGenericType());
                }
            }
            check(leaks, type, type, type.getGenericSuperclass());
            for (Type implemented : type.getGenericInterfaces()) {
                check(leaks, type, type, implemented);
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void internalTypesLiveOnlyInTheInternalPackages() throws Exception {
        assertThat(allClassNames()).filteredOn(n -> n.contains("ArrayElements") || n.contains("TensorWalk")
                        || n.contains("ReducedFloat") || n.contains("GlibcFloat") || n.contains("SystemLibm"))
                .isNotEmpty().allMatch(n -> n.startsWith(INTERNAL + "."));
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void checkParameters(List<String> leaks, Class<?> owner, Executable executable) {
        for (Type parameter : executable.getGenericParameterTypes()) {
            check(leaks, owner, executable, parameter);
        }
    }

    private static void check(List<String> leaks, Class<?> owner, Object member, Type type) {
        if (type != null && type.getTypeName().contains(INTERNAL + ".")) {
            leaks.add(owner.getName() + ": " + member + " mentions " + type.getTypeName());
        }
    }

    private static List<Class<?>> publicApiClasses() throws Exception {
        List<Class<?>> classes = new ArrayList<>();
        for (String name : allClassNames()) {
            if (name.startsWith(INTERNAL + ".") || name.startsWith("nninit.ref")) {
                continue;
            }
            Class<?> type = Class.forName(name, false, ApiBoundaryTest.class.getClassLoader());
            if (Modifier.isPublic(type.getModifiers())) {
                classes.add(type);
            }
        }
        return classes;
    }

    /** The classes of the main source set: the directory (or jar) that holds {@link Init}. */
    private static List<String> allClassNames() throws IOException, URISyntaxException {
        Path root = Path.of(Init.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(root::relativize).map(Path::toString)
                    .filter(p -> p.endsWith(".class") && !p.contains("$") && !p.endsWith("module-info.class")
                            && !p.endsWith("package-info.class"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
    }
}
