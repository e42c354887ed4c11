package dev.locara.gpu;

import java.util.List;

/**
 * A .wgsl file under kernels/ and the layouts of the uniform structs it binds: what a kernel class
 * declares once, and UniformLayoutTest checks against the file.
 */
public record KernelFile(String name, List<UniformLayout> uniforms) {
    public KernelFile(String name, UniformLayout... uniforms) {
        this(name, List.of(uniforms));
    }
}
