package dev.locara.gpu;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One compute pipeline: the entry point "main" of a .wgsl file, the preprocessor defines that
 * select its variant ({@link WgslPreprocessor}: a weight type, a shape) and its override constants
 * (workgroup sizes are injected this way, so that the Java class that dispatches owns them).
 * {@link PipelineCache} compiles each spec once per device.
 */
public record PipelineSpec(String file, Set<String> defines, Map<String, Integer> constants) {
    public PipelineSpec {
        defines = new TreeSet<>(defines);
        constants = new TreeMap<>(constants);
    }

    /** A file with no defines and workgroup size {@code wg} (its override constant WG). */
    public static PipelineSpec of(String file, int wg) {
        return new PipelineSpec(file, Set.of(), Map.of("WG", wg));
    }

    /** The shader module's name: the file with its defines. */
    String variant() {
        return file + (defines.isEmpty() ? "" : defines.toString());
    }

    /** The pipeline's name: the variant with its constants. */
    String key() {
        StringBuilder key = new StringBuilder(variant());
        for (Map.Entry<String, Integer> e : constants.entrySet()) {
            key.append(';').append(e.getKey()).append('=').append(e.getValue());
        }
        return key.toString();
    }
}
