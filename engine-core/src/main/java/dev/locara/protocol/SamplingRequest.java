package dev.locara.protocol;

import dev.locara.engine.CompletionRequest;
import dev.locara.sample.SamplingParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and checks the sampling fields and stop strings of a public API request, shared by every
 * endpoint that generates (completions, chat). Bad values throw IllegalArgumentException with a
 * message naming the field, which the API turns into a TypeError with code "invalid_request".
 * Names follow OpenAI, with llama.cpp's spelling accepted where it differs (repeat_penalty).
 */
final class SamplingRequest {
    private SamplingRequest() {
    }

    static SamplingParams parse(ApiRequest r, double defaultTemperature) {
        double temperature = r.has("temperature") ? number(r.get("temperature"), "'temperature'", 0, 2) : defaultTemperature;
        // A seed the caller leaves out is drawn here, so the worker always gets the one it uses.
        double seed = Math.floor(Math.random() * 4294967296.0);
        if (r.has("seed")) {
            seed = number(r.get("seed"), "'seed'", -0x1p53, 0x1p53);
            if (seed != Math.floor(seed)) {
                throw new IllegalArgumentException("'seed' must be an integer.");
            }
        }
        int topK = r.has("top_k") ? integer(r, "top_k", 0) : 0;
        double topP = r.has("top_p") ? number(r.get("top_p"), "'top_p'", 0, 1) : 1;
        double minP = r.has("min_p") ? number(r.get("min_p"), "'min_p'", 0, 1) : 0;
        if (r.has("repetition_penalty") && r.has("repeat_penalty")) {
            throw new IllegalArgumentException("Give one of 'repetition_penalty' and 'repeat_penalty' (the same setting).");
        }
        String repeatName = r.has("repeat_penalty") ? "repeat_penalty" : "repetition_penalty";
        double repeat = r.has(repeatName) ? number(r.get(repeatName), "'" + repeatName + "'", 0, 10) : 1;
        if (repeat == 0) {
            throw new IllegalArgumentException("'" + repeatName + "' must be greater than 0 (1 turns it off).");
        }
        int lastN = r.has("repeat_last_n") ? integer(r, "repeat_last_n", -1) : SamplingParams.DEFAULT_PENALTY_LAST_N;
        double presence = r.has("presence_penalty") ? number(r.get("presence_penalty"), "'presence_penalty'", -2, 2) : 0;
        double frequency = r.has("frequency_penalty") ? number(r.get("frequency_penalty"), "'frequency_penalty'", -2, 2) : 0;
        int[] biasTokens = new int[0];
        float[] biasValues = new float[0];
        if (r.has("logit_bias")) {
            if (!(r.get("logit_bias") instanceof Map<?, ?> bias)) {
                throw new IllegalArgumentException("'logit_bias' must be an object mapping token ids to biases,"
                        + " such as {\"50256\": -100}.");
            }
            biasTokens = new int[bias.size()];
            biasValues = new float[bias.size()];
            int i = 0;
            for (Map.Entry<?, ?> e : bias.entrySet()) {
                String key = String.valueOf(e.getKey());
                biasTokens[i] = tokenId(key);
                biasValues[i] = (float) number(ApiRequest.value(e.getValue()), "'logit_bias' value for token " + key,
                        -SamplingParams.MAX_BIAS, SamplingParams.MAX_BIAS);
                i++;
            }
        }
        return new SamplingParams((float) temperature, (long) seed, topK, (float) topP, (float) minP, (float) repeat,
                lastN, (float) presence, (float) frequency, biasTokens, biasValues);
    }

    /** {@code stop}: absent, null, a string, or an array of up to four non-empty strings. */
    static List<String> stop(ApiRequest r) {
        List<String> stop = new ArrayList<>();
        if (!r.has("stop")) {
            return stop;
        }
        String rule = "'stop' must be a non-empty string or an array of up to " + CompletionRequest.MAX_STOP
                + " non-empty strings.";
        Object v = r.get("stop");
        if (v instanceof String s) {
            stop.add(s);
        } else if (v instanceof List<?> array) {
            if (array.size() > CompletionRequest.MAX_STOP) {
                throw new IllegalArgumentException(rule + " Got " + array.size() + ".");
            }
            for (int i = 0; i < array.size(); i++) {
                if (!(array.get(i) instanceof String s)) {
                    throw new IllegalArgumentException(rule + " Element " + i + " is not a string.");
                }
                stop.add(s);
            }
        } else {
            throw new IllegalArgumentException(rule);
        }
        for (String s : stop) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException(rule + " An empty string would stop at once.");
            }
        }
        return stop;
    }

    private static double number(Object value, String what, double min, double max) {
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException(what + " must be a number from " + format(min) + " to " + format(max) + ".");
        }
        double v = n.doubleValue();
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(what + " must be a number from " + format(min) + " to " + format(max)
                    + ", got " + v + ".");
        }
        return v;
    }

    private static int integer(ApiRequest r, String key, int min) {
        double v = r.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
        if (!(v >= min && v <= Integer.MAX_VALUE) || v != Math.floor(v)) {
            throw new IllegalArgumentException("'" + key + "' must be an integer >= " + min + ".");
        }
        return (int) v;
    }

    private static int tokenId(String key) {
        boolean digits = !key.isEmpty() && key.length() <= 9;
        for (int i = 0; i < key.length() && digits; i++) {
            digits = key.charAt(i) >= '0' && key.charAt(i) <= '9';
        }
        if (!digits) {
            throw new IllegalArgumentException("'logit_bias' keys must be token ids (integers >= 0), got \"" + key + "\".");
        }
        return Integer.parseInt(key);
    }

    private static String format(double v) {
        return v == Math.floor(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
