package dev.locara.protocol;

import dev.locara.json.Json;
import dev.locara.json.JsonWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Message fields in a map shaped as {@link Json} reads JSON (numbers as Long or Double, arrays as
 * lists), so a message written here is also JSON text ({@link #toJson}) and reads back from it.
 * The JVM's wire: tests, and any host without a browser.
 */
public final class MapFields implements FieldWriter, FieldReader {
    private final Map<String, Object> map;

    public MapFields() {
        this(new LinkedHashMap<>());
    }

    public MapFields(Map<String, Object> map) {
        this.map = map;
    }

    /** The fields of a JSON object text; anything else is refused. */
    @SuppressWarnings("unchecked")
    public static MapFields fromJson(String json) {
        Object v = Json.parse(json);
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("A message is a JSON object, got " + json);
        }
        return new MapFields((Map<String, Object>) v);
    }

    public Map<String, Object> map() {
        return map;
    }

    public String toJson() {
        return JsonWriter.COMPACT.write(map);
    }

    @Override
    public void string(String key, String value) {
        map.put(key, value == null ? Json.NULL : value);
    }

    @Override
    public void number(String key, double value) {
        map.put(key, value);
    }

    @Override
    public void integer(String key, int value) {
        map.put(key, (long) value);
    }

    @Override
    public void bool(String key, boolean value) {
        map.put(key, value);
    }

    @Override
    public void ints(String key, int[] values) {
        List<Object> list = new ArrayList<>(values.length);
        for (int v : values) {
            list.add((long) v);
        }
        map.put(key, list);
    }

    @Override
    public void floats(String key, float[] values) {
        List<Object> list = new ArrayList<>(values.length);
        for (float v : values) {
            list.add((double) v);
        }
        map.put(key, list);
    }

    @Override
    public void strings(String key, List<String> values) {
        map.put(key, new ArrayList<Object>(values));
    }

    @Override
    public void attachment(String key, Object value) {
        map.put(key, value == null ? Json.NULL : value);
    }

    @Override
    public boolean has(String key) {
        Object v = map.get(key);
        return v != null && v != Json.NULL;
    }

    @Override
    public String string(String key) {
        return map.get(key) instanceof String s ? s : null;
    }

    @Override
    public double number(String key) {
        return map.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    @Override
    public boolean bool(String key) {
        return Boolean.TRUE.equals(map.get(key));
    }

    @Override
    public int[] ints(String key) {
        List<?> list = list(key);
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i) instanceof Number n ? n.intValue() : 0;
        }
        return out;
    }

    @Override
    public float[] floats(String key) {
        List<?> list = list(key);
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i) instanceof Number n ? n.floatValue() : Float.NaN;
        }
        return out;
    }

    @Override
    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (Object o : list(key)) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    @Override
    public Object attachment(String key) {
        return has(key) ? map.get(key) : null;
    }

    private List<?> list(String key) {
        return map.get(key) instanceof List<?> l ? l : List.of();
    }
}
