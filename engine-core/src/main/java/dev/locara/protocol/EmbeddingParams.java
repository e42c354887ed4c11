package dev.locara.protocol;

import dev.locara.embed.EmbeddingRequest;
import dev.locara.embed.InputType;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated locara.embeddings.create request, OpenAI's fields: {@code model}, {@code input} (a
 * string or an array of strings), {@code input_type} ('query' or 'document': the model's own prefix,
 * none when absent), {@code dimensions} (0: all; fewer only where the model was trained for it, which
 * the engine checks against the model), and {@code encoding_format}, of which only 'float' is served.
 */
public record EmbeddingParams(String model, List<String> input, InputType inputType, int dimensions) {
    /** Inputs per request at most, OpenAI's limit. */
    public static final int MAX_INPUTS = 2048;
    /** Widest vector a dimensions field may ask for (the models' widths are far below). */
    public static final int MAX_DIMENSIONS = 65536;

    public EmbeddingParams {
        if (model == null) {
            throw new IllegalArgumentException("'model' is required: the name of an embedding model.");
        }
        input = List.copyOf(input);
        if (input.isEmpty() || input.size() > MAX_INPUTS) {
            throw new IllegalArgumentException("'input' must hold 1 to " + MAX_INPUTS + " texts, not " + input.size() + ".");
        }
        if (dimensions < 0 || dimensions > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("'dimensions' must be from 1 to " + MAX_DIMENSIONS + ", or 0 for all.");
        }
    }

    /** What the encoder takes, less the model. */
    public EmbeddingRequest request() {
        return new EmbeddingRequest(input, inputType, dimensions);
    }

    /** {@code json} as {@link ApiRequest} takes it. */
    public static EmbeddingParams parse(String json) {
        if (!ApiRequest.isPlainObject(json)) {
            throw new IllegalArgumentException("embeddings.create takes a request object such as"
                    + " {model: 'all-minilm-l6-v2', input: ['first text', 'second text']}.");
        }
        ApiRequest r = ApiRequest.of(json);
        if (!r.isString("model") || r.string("model").isEmpty()) {
            throw new IllegalArgumentException("'model' is required: the name of an embedding model, as a string.");
        }
        List<String> input = input(r);
        InputType type = null;
        if (r.has("input_type")) {
            if (!r.isString("input_type")) {
                throw new IllegalArgumentException("'input_type' must be 'query' or 'document', or left out for neither.");
            }
            type = InputType.parse(r.string("input_type"));
        }
        int dimensions = r.count("dimensions", 0, 1, MAX_DIMENSIONS, "'dimensions' must be a whole number of at least 1,"
                + " or left out for the model's full width.");
        if (r.has("encoding_format") && !"float".equals(r.get("encoding_format"))) {
            throw new IllegalArgumentException("'encoding_format' can only be 'float' (arrays of numbers); Locara does not"
                    + " write base64.");
        }
        return new EmbeddingParams(r.string("model"), input, type, dimensions);
    }

    private static List<String> input(ApiRequest r) {
        Object v = r.get("input");
        String rule = "'input' must be a non-empty string or an array of 1 to " + MAX_INPUTS + " non-empty strings"
                + " (token arrays are not taken: pass the text).";
        List<String> out = new ArrayList<>();
        if (v instanceof String s) {
            out.add(s);
        } else if (v instanceof List<?> list && !list.isEmpty() && list.size() <= MAX_INPUTS) {
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw new IllegalArgumentException(rule + " Item " + out.size() + " is not a string.");
                }
                out.add(s);
            }
        } else {
            throw new IllegalArgumentException(rule);
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).isEmpty()) {
                throw new IllegalArgumentException(rule + " Item " + i + " is empty.");
            }
        }
        return out;
    }
}
