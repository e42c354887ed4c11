package dev.locara.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The kinds of one direction, each in one entry: its name on the wire, its record, the handler
 * method that serves it, and how its fields are written and read (side by side, so they cannot
 * drift apart). A name or a record given twice is refused when the table is built.
 *
 * @param <T> the direction's messages
 * @param <H> the handler that serves them
 */
final class KindTable<T extends Message, H> {
    private record Kind<M, H>(String name, BiConsumer<H, M> dispatch, BiConsumer<M, FieldWriter> write,
                              Function<FieldReader, ? extends M> read) {
    }

    private final String direction;
    private final Map<String, Kind<T, H>> byName = new HashMap<>();
    private final Map<Class<?>, Kind<T, H>> byType = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<Class<?>> types = new ArrayList<>();

    KindTable(String direction) {
        this.direction = direction;
    }

    @SuppressWarnings("unchecked")
    <M extends T> KindTable<T, H> add(String name, Class<M> type, BiConsumer<H, M> dispatch,
                                      BiConsumer<M, FieldWriter> write, Function<FieldReader, M> read) {
        Kind<T, H> kind = new Kind<>(name, (BiConsumer<H, T>) dispatch, (BiConsumer<T, FieldWriter>) write, read);
        if (byName.put(name, kind) != null || byType.put(type, kind) != null) {
            throw new IllegalStateException("Two " + direction + " kinds share the name '" + name + "' or the record "
                    + type.getName() + ".");
        }
        names.add(name);
        types.add(type);
        return this;
    }

    List<String> names() {
        return List.copyOf(names);
    }

    List<Class<?>> types() {
        return List.copyOf(types);
    }

    String nameOf(T m) {
        return kindOf(m).name();
    }

    void write(T m, FieldWriter w) {
        Kind<T, H> kind = kindOf(m);
        w.string(Message.KIND, kind.name());
        kind.write().accept(m, w);
    }

    /** The message in {@code r}; an unknown kind is refused with the kinds this side takes. */
    T read(FieldReader r) {
        String name = r.string(Message.KIND);
        Kind<T, H> kind = name == null ? null : byName.get(name);
        if (kind == null) {
            throw new IllegalArgumentException("Unknown " + direction + " kind " + (name == null ? "(none)" : "'" + name + "'")
                    + "; the known kinds are " + String.join(", ", names) + ".");
        }
        return kind.read().apply(r);
    }

    void dispatch(T m, H handler) {
        kindOf(m).dispatch().accept(handler, m);
    }

    private Kind<T, H> kindOf(T m) {
        return byType.get(m.getClass());
    }
}
