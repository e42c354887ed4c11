package dev.locara.gpu;

import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.webgpu.GPUBuffer;

/**
 * A WGSL uniform struct, declared once in Java with its fields in the struct's order, written as
 * the .wgsl file spells them ("rows: u32"). Kernels fill one by field name ({@link #values}), so a
 * field is never placed by its position in a list. UniformLayoutTest parses every uniform struct of
 * the .wgsl files and compares it with the layout its kernel class declares ({@link KernelFile}):
 * trailing fields named _... are the struct's padding to 16 bytes, which {@link BufferPool#uniform}
 * adds.
 */
public final class UniformLayout {
    /** The uniform every per-token kernel binds, which the decode loop rewrites per step (and argmax.wgsl per greedy step). */
    public static final UniformLayout TOKEN = struct("Token", "pos: u32", "id: u32");
    /** The uniform every batch kernel binds: the chunk's first position and its token count. */
    public static final UniformLayout BATCH = struct("Batch", "start: u32", "count: u32");

    /** One field: its WGSL name and type, u32 (ints, flags) or f32 (written as its bits). */
    public record Field(String name, String type) {
    }

    private final String name;
    private final List<Field> fields;

    private UniformLayout(String name, List<Field> fields) {
        this.name = name;
        this.fields = List.copyOf(fields);
    }

    /** The struct {@code name} with {@code fields} as WGSL declares them, e.g. "eps: f32". */
    public static UniformLayout struct(String name, String... fields) {
        List<Field> list = new ArrayList<>();
        for (String f : fields) {
            String[] parts = f.split(":");
            String type = parts.length == 2 ? parts[1].trim() : "";
            if (!type.equals("u32") && !type.equals("f32")) {
                throw new IllegalArgumentException("Uniform field '" + f + "' of " + name + " is not 'name: u32' or 'name: f32'.");
            }
            list.add(new Field(parts[0].trim(), type));
        }
        return new UniformLayout(name, list);
    }

    public String name() {
        return name;
    }

    public List<Field> fields() {
        return fields;
    }

    /** 32-bit words of the buffer: the fields, padded to 16 bytes. */
    public int words() {
        return (fields.size() + 3) / 4 * 4;
    }

    /** The word index of {@code field}, for a uniform rewritten per step without {@link #values}. */
    public int index(String field) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(field)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " has no field '" + field + "'.");
    }

    /** A fresh set of values to fill, every field unset. */
    public Values values() {
        return new Values();
    }

    /** The values of one uniform buffer, set by field name; {@link #write} refuses a field left unset. */
    public final class Values {
        private final int[] words = new int[fields.size()];
        private final boolean[] set = new boolean[fields.size()];

        private Values put(String field, String type, int bits) {
            int i = index(field);
            if (!fields.get(i).type().equals(type)) {
                throw new IllegalArgumentException(name + "." + field + " is " + fields.get(i).type() + ", not " + type + ".");
            }
            words[i] = bits;
            set[i] = true;
            return this;
        }

        public Values u32(String field, int value) {
            return put(field, "u32", value);
        }

        /** A u32 flag: 1 or 0. */
        public Values flag(String field, boolean value) {
            return put(field, "u32", value ? 1 : 0);
        }

        public Values f32(String field, float value) {
            return put(field, "f32", Float.floatToIntBits(value));
        }

        /** The words in the struct's order; every field must have been set. */
        int[] words() {
            for (int i = 0; i < set.length; i++) {
                if (!set[i]) {
                    throw new IllegalStateException(name + "." + fields.get(i).name() + " was not set.");
                }
            }
            return words.clone();
        }

        /** A new uniform buffer holding these values. */
        public GPUBuffer write(BufferPool buffers, String label) {
            return buffers.uniform(label, words());
        }
    }
}
