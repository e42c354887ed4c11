package dev.locara.cache;

import dev.locara.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model manifest: a JSON document {@code {"version": 1, "models": [entry...]}} checked against
 * its schema here, so a bad manifest fails at once with the entry and field named rather than
 * later as an odd download or load error. See {@link ModelRef} for what each entry holds.
 */
public final class Manifest {
    public static final int VERSION = 1;

    private final List<ModelRef> models;

    private Manifest(List<ModelRef> models) {
        this.models = List.copyOf(models);
    }

    public List<ModelRef> models() {
        return models;
    }

    /** Parses and checks {@code json}; throws JsonException or ManifestException saying what is wrong. */
    public static Manifest parse(String json) {
        Object root = Json.parse(json);
        if (!(root instanceof Map)) {
            throw new ManifestException("The manifest must be a JSON object with \"version\" and \"models\".");
        }
        Fields doc = new Fields("the manifest", asMap(root));
        long version = doc.integer("version", 1, Long.MAX_VALUE);
        if (version != VERSION) {
            throw new ManifestException("The manifest has version " + version + "; this Locara reads version " + VERSION
                    + ". Update Locara or use a matching manifest.");
        }
        List<Object> entries = doc.list("models");
        List<ModelRef> models = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> files = new HashSet<>();
        Set<ModelRef.Category> recommended = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Object e = entries.get(i);
            if (!(e instanceof Map)) {
                throw new ManifestException("Model #" + (i + 1) + " of the manifest is not a JSON object.");
            }
            Object id = asMap(e).get("id");
            String where = id instanceof String ? "model '" + id + "'" : "model #" + (i + 1);
            ModelRef m = entry(new Fields(where, asMap(e)));
            if (!ids.add(m.id())) {
                throw new ManifestException("The manifest lists model '" + m.id() + "' twice.");
            }
            if (!files.add(m.file())) {
                throw new ManifestException("In the manifest, " + where + " uses the file name '" + m.file()
                        + "' that another model already uses; stored files would overwrite each other.");
            }
            if (m.recommended() && !recommended.add(m.category())) {
                throw new ManifestException("In the manifest, " + where + " is the second recommended "
                        + m.category().jsonName() + " model; recommend at most one per category.");
            }
            models.add(m);
        }
        return new Manifest(models);
    }

    private static ModelRef entry(Fields f) {
        String id = f.string("id");
        if (!allIn(id, "abcdefghijklmnopqrstuvwxyz0123456789._-") || !Character.isLetterOrDigit(id.charAt(0))) {
            throw f.error("id", "must be lower-case letters, digits, '.', '_' or '-'");
        }
        String categoryName = f.string("category");
        ModelRef.Category category = null;
        for (ModelRef.Category c : ModelRef.Category.values()) {
            if (c.jsonName().equals(categoryName)) {
                category = c;
            }
        }
        if (category == null) {
            throw f.error("category", "is '" + categoryName + "'; expected one of chat, coding, reasoning, embeddings,"
                    + " vision, speech");
        }
        String file = f.string("file");
        if (!file.endsWith(".gguf") || file.contains("/") || file.contains("\\") || file.startsWith(".")) {
            throw f.error("file", "must be a plain file name ending in .gguf");
        }
        long size = f.integer("size", 1, Long.MAX_VALUE);
        String sha = f.string("sha256");
        if (sha.length() != 64 || !allIn(sha, "0123456789abcdef")) {
            throw f.error("sha256", "must be 64 lower-case hex digits");
        }
        List<String> sources = new ArrayList<>();
        for (Object s : f.list("sources")) {
            if (!(s instanceof String) || !(((String) s).startsWith("https://") || ((String) s).startsWith("models/"))) {
                throw f.error("sources", "must list the server's 'models/FILE' and https:// URLs, found " + s);
            }
            sources.add((String) s);
        }
        if (sources.isEmpty()) {
            throw f.error("sources", "must name at least one place to download the model from");
        }
        Fields lic = f.object("license");
        ModelRef.License license = new ModelRef.License(lic.string("id"), lic.optionalString("spdx"), lic.string("name"),
                lic.string("url"), lic.bool("acceptTerms"), lic.optionalString("terms"));
        if (license.acceptTerms() && license.terms() == null) {
            throw lic.error("terms", "must say what is accepted when acceptTerms is true");
        }
        Fields p = f.object("parameters");
        long total = p.integer("total", 1, Long.MAX_VALUE);
        long active = p.integer("active", 1, Long.MAX_VALUE);
        if (active > total) {
            throw p.error("active", "cannot exceed total (" + total + ")");
        }
        ModelRef.Parameters params = new ModelRef.Parameters(total, active, p.bool("approximate"));
        long context = f.integer("contextLength", 1, Integer.MAX_VALUE);
        Fields mem = f.object("memory");
        ModelRef.Memory memory = new ModelRef.Memory(mem.integer("context", 1, context), mem.integer("bytes", size,
                Long.MAX_VALUE));
        Map<String, Double> sampling = new LinkedHashMap<>();
        if (f.has("sampling")) {
            Fields sf = f.object("sampling");
            for (String key : sf.keys()) {
                if (!ModelRef.SAMPLING_FIELDS.contains(key)) {
                    throw sf.error(key, "is not a sampling field; expected one of " + String.join(", ", ModelRef.SAMPLING_FIELDS));
                }
                sampling.put(key, sf.number(key, 0, key.equals("top_k") ? 1000 : 10));
            }
        }
        return new ModelRef(id, f.string("name"), category, f.string("architecture"), f.string("quantization"), file,
                size, sha, sources, license, params, context, memory, f.optionalBool("recommended"), sampling);
    }

    /** Character checks without java.util.regex, which costs the browser build about 100 KB. */
    private static boolean allIn(String s, String allowed) {
        for (int i = 0; i < s.length(); i++) {
            if (allowed.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    /** Typed access to one JSON object's members, with errors that name where they are. */
    private static final class Fields {
        private final String where;
        private final Map<String, Object> map;

        Fields(String where, Map<String, Object> map) {
            this.where = where;
            this.map = map;
        }

        ManifestException error(String field, String what) {
            return new ManifestException("In the manifest, " + where + ": \"" + field + "\" " + what + ".");
        }

        private Object required(String field) {
            Object v = map.get(field);
            if (v == null || v == Json.NULL) {
                throw error(field, "is missing");
            }
            return v;
        }

        String string(String field) {
            Object v = required(field);
            if (!(v instanceof String) || ((String) v).isBlank()) {
                throw error(field, "must be a non-empty string");
            }
            return (String) v;
        }

        String optionalString(String field) {
            Object v = map.get(field);
            return v == null || v == Json.NULL ? null : string(field);
        }

        boolean bool(String field) {
            Object v = required(field);
            if (!(v instanceof Boolean)) {
                throw error(field, "must be true or false");
            }
            return (Boolean) v;
        }

        /** false when absent. */
        boolean optionalBool(String field) {
            Object v = map.get(field);
            return v != null && v != Json.NULL && bool(field);
        }

        long integer(String field, long min, long max) {
            Object v = required(field);
            if (!(v instanceof Long)) {
                throw error(field, "must be a whole number, found " + v);
            }
            long n = (Long) v;
            if (n < min || n > max) {
                throw error(field, "is " + n + ", outside " + min + ".." + max);
            }
            return n;
        }

        boolean has(String field) {
            Object v = map.get(field);
            return v != null && v != Json.NULL;
        }

        List<String> keys() {
            return new ArrayList<>(map.keySet());
        }

        double number(String field, double min, double max) {
            Object v = required(field);
            if (!(v instanceof Number)) {
                throw error(field, "must be a number, found " + v);
            }
            double n = ((Number) v).doubleValue();
            if (!(n >= min && n <= max)) {
                throw error(field, "is " + n + ", outside " + min + ".." + max);
            }
            return n;
        }

        List<Object> list(String field) {
            Object v = required(field);
            if (!(v instanceof List)) {
                throw error(field, "must be an array");
            }
            @SuppressWarnings("unchecked")
            List<Object> l = (List<Object>) v;
            return l;
        }

        Fields object(String field) {
            Object v = required(field);
            if (!(v instanceof Map)) {
                throw error(field, "must be an object");
            }
            return new Fields(where + " " + field, asMap(v));
        }
    }
}
