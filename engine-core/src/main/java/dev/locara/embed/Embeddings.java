package dev.locara.embed;

import dev.locara.json.JsonWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to an {@link EmbeddingRequest}: one unit vector per input, the tokens each input took (after
 * any cut), and a warning per input that was cut to the model's context.
 */
public record Embeddings(float[][] vectors, int[] tokenCounts, List<String> warnings) {
    /** The parts of one request embedded in steps, in order, as one answer. */
    public static Embeddings concat(List<Embeddings> parts) {
        int n = 0;
        for (Embeddings p : parts) {
            n += p.vectors.length;
        }
        float[][] vectors = new float[n][];
        int[] counts = new int[n];
        List<String> warnings = new ArrayList<>();
        int at = 0;
        for (Embeddings p : parts) {
            System.arraycopy(p.vectors, 0, vectors, at, p.vectors.length);
            System.arraycopy(p.tokenCounts, 0, counts, at, p.tokenCounts.length);
            warnings.addAll(p.warnings);
            at += p.vectors.length;
        }
        return new Embeddings(vectors, counts, warnings);
    }

    public int promptTokens() {
        int n = 0;
        for (int c : tokenCounts) {
            n += c;
        }
        return n;
    }

    /**
     * OpenAI's response shape: {@code {"object":"list","data":[{"object":"embedding","index":0,"embedding":[...]}],
     * "model":...,"usage":{"prompt_tokens":N,"total_tokens":N}}}, plus {@code "warnings"} when an input was cut.
     */
    public String toJson(String model) {
        List<Object> data = new ArrayList<>();
        for (int i = 0; i < vectors.length; i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("object", "embedding");
            item.put("index", (long) i);
            item.put("embedding", new Floats(vectors[i]));
            data.add(item);
        }
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("prompt_tokens", (long) promptTokens());
        usage.put("total_tokens", (long) promptTokens());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("object", "list");
        response.put("data", data);
        response.put("model", model);
        response.put("usage", usage);
        if (!warnings.isEmpty()) {
            response.put("warnings", new ArrayList<Object>(warnings));
        }
        return FLOAT_WRITER.write(response);
    }

    /** A vector kept as floats, so that each value is written with a float's shortest digits, not a double's. */
    private record Floats(float[] values) {
    }

    private static final JsonWriter FLOAT_WRITER = new JsonWriter(-1, ",", ":") {
        @Override
        protected void other(StringBuilder sb, Object v) {
            if (!(v instanceof Floats f)) {
                super.other(sb, v);
                return;
            }
            sb.append('[');
            for (int i = 0; i < f.values.length; i++) {
                sb.append(i == 0 ? "" : ",").append(Float.isFinite(f.values[i]) ? Float.toString(f.values[i]) : "null");
            }
            sb.append(']');
        }
    };
}
