package dev.locara.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each kernel class declares the uniform structs of its .wgsl file once ({@link KernelFile},
 * {@link UniformLayout}); these tests hold every declaration to the struct the file really has:
 * the same fields in the same order with the same types, and only padding after them.
 */
class UniformLayoutTest {
    private static final Path KERNELS = Path.of("src/main/resources/dev/locara/kernels");
    private static final Path CLASSES = Path.of("target/classes/dev/locara/gpu");
    private static final Pattern UNIFORM = Pattern.compile("var<uniform>\\s+\\w+\\s*:\\s*(\\w+)\\s*;");
    private static final Pattern STRUCT = Pattern.compile("struct\\s+(\\w+)\\s*\\{([^}]*)}");

    /** A WGSL field as the file declares it. */
    private record WgslField(String name, String type) {
    }

    @Test
    void everyUniformStructMatchesItsJavaLayout() throws Exception {
        Map<String, KernelFile> declared = kernelFiles();
        List<String> withUniforms = new ArrayList<>();
        try (Stream<Path> files = Files.list(KERNELS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".wgsl")).sorted().toList()) {
                String name = file.getFileName().toString();
                String source = Files.readString(file).replaceAll("//[^\n]*", "");
                Map<String, List<WgslField>> structs = structs(source);
                List<String> bound = new ArrayList<>();
                Matcher m = UNIFORM.matcher(source);
                while (m.find()) {
                    bound.add(m.group(1));
                }
                if (bound.isEmpty()) {
                    continue;
                }
                withUniforms.add(name);
                KernelFile kernel = declared.get(name);
                assertTrue(kernel != null, name + " binds uniforms " + bound + " but no kernel class declares its KernelFile");
                List<String> javaStructs = new ArrayList<>();
                for (UniformLayout layout : kernel.uniforms()) {
                    javaStructs.add(layout.name());
                    assertTrue(structs.containsKey(layout.name()), name + " has no struct " + layout.name());
                    check(name, layout, structs.get(layout.name()));
                }
                assertEquals(bound.stream().sorted().toList(), javaStructs.stream().sorted().toList(),
                        name + ": the uniform structs it binds against those its KernelFile declares");
            }
        }
        assertEquals(withUniforms.stream().sorted().toList(), declared.keySet().stream().sorted().toList(),
                "every KernelFile names a .wgsl file that binds uniforms");
    }

    private static void check(String file, UniformLayout layout, List<WgslField> wgsl) {
        String where = file + " struct " + layout.name();
        List<UniformLayout.Field> java = layout.fields();
        assertTrue(wgsl.size() >= java.size(), where + " has fewer fields than its Java layout");
        for (int i = 0; i < java.size(); i++) {
            assertEquals(new WgslField(java.get(i).name(), java.get(i).type()), wgsl.get(i), where + ", field " + i);
        }
        for (WgslField pad : wgsl.subList(java.size(), wgsl.size())) {
            assertTrue(pad.name().startsWith("_") && pad.type().equals("u32"),
                    where + ": field " + pad + " is not in the Java layout (only u32 padding named _... may follow it)");
        }
        assertTrue(wgsl.size() <= layout.words(), where + " is larger than the " + layout.words() + " words Java writes");
    }

    private static Map<String, List<WgslField>> structs(String source) {
        Map<String, List<WgslField>> structs = new TreeMap<>();
        Matcher m = STRUCT.matcher(source);
        while (m.find()) {
            List<WgslField> fields = new ArrayList<>();
            for (String f : m.group(2).split(",")) {
                if (!f.isBlank()) {
                    String[] parts = f.split(":");
                    fields.add(new WgslField(parts[0].trim(), parts[1].trim()));
                }
            }
            structs.put(m.group(1), fields);
        }
        return structs;
    }

    /** Every static KernelFile of the package's compiled classes, by file name. */
    private static Map<String, KernelFile> kernelFiles() throws IOException, ReflectiveOperationException {
        Map<String, KernelFile> found = new TreeMap<>();
        try (Stream<Path> classes = Files.list(CLASSES)) {
            for (Path c : classes.filter(f -> f.toString().endsWith(".class")).toList()) {
                String simple = c.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName("dev.locara.gpu." + simple);
                for (Field f : type.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) && f.getType() == KernelFile.class) {
                        f.setAccessible(true);
                        KernelFile k = (KernelFile) f.get(null);
                        assertFalse(found.containsKey(k.name()), k.name() + " is declared twice");
                        found.put(k.name(), k);
                    }
                }
            }
        }
        assertFalse(found.isEmpty(), "no KernelFile found under " + CLASSES);
        return found;
    }

    @Test
    void valuesAreWrittenInTheStructsOrderByName() {
        UniformLayout layout = UniformLayout.struct("Params", "n: u32", "eps: f32", "on: u32");
        int[] words = layout.values().flag("on", true).f32("eps", 0.5f).u32("n", 7).words();
        assertArrayEquals(new int[] {7, Float.floatToIntBits(0.5f), 1}, words);
        assertEquals(4, layout.words());
        assertEquals(2, layout.index("on"));
    }

    @Test
    void aFieldLeftUnsetOrOfTheWrongTypeIsRefused() {
        UniformLayout layout = UniformLayout.struct("Params", "n: u32", "eps: f32");
        assertThrows(IllegalStateException.class, () -> layout.values().u32("n", 1).words());
        assertThrows(IllegalArgumentException.class, () -> layout.values().u32("eps", 1));
        assertThrows(IllegalArgumentException.class, () -> layout.values().u32("m", 1));
        assertThrows(IllegalArgumentException.class, () -> UniformLayout.struct("Params", "v: vec4<f32>"));
    }
}
