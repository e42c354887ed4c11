package dev.locara.api;

import dev.locara.engine.CompletionRequest;
import dev.locara.sample.SamplingParams;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSObject;

/**
 * Reads and checks the sampling fields and stop strings of a public API request object, shared by
 * every endpoint that generates (completions, chat). Bad values throw IllegalArgumentException with
 * a message naming the field, which the API turns into a TypeError with code "invalid_request".
 * Names follow OpenAI, with llama.cpp's spelling accepted where it differs (repeat_penalty).
 */
public final class SamplingRequest {
    private SamplingRequest() {
    }

    public static SamplingParams parse(JSObject r, double defaultTemperature) {
        double temperature = has(r, "temperature") ? number(r, "temperature", 0, 2) : defaultTemperature;
        double seed = Js.randomSeed();
        if (has(r, "seed")) {
            seed = number(r, "seed", -0x1p53, 0x1p53);
            if (seed != Math.floor(seed)) {
                throw new IllegalArgumentException("'seed' must be an integer.");
            }
        }
        int topK = has(r, "top_k") ? integer(r, "top_k", 0, Integer.MAX_VALUE) : 0;
        double topP = has(r, "top_p") ? number(r, "top_p", 0, 1) : 1;
        double minP = has(r, "min_p") ? number(r, "min_p", 0, 1) : 0;
        if (has(r, "repetition_penalty") && has(r, "repeat_penalty")) {
            throw new IllegalArgumentException("Give one of 'repetition_penalty' and 'repeat_penalty' (the same setting).");
        }
        String repeatName = has(r, "repeat_penalty") ? "repeat_penalty" : "repetition_penalty";
        double repeat = has(r, repeatName) ? number(r, repeatName, 0, 10) : 1;
        if (repeat == 0) {
            throw new IllegalArgumentException("'" + repeatName + "' must be greater than 0 (1 turns it off).");
        }
        int lastN = has(r, "repeat_last_n")
                ? integer(r, "repeat_last_n", -1, Integer.MAX_VALUE) : SamplingParams.DEFAULT_PENALTY_LAST_N;
        double presence = has(r, "presence_penalty") ? number(r, "presence_penalty", -2, 2) : 0;
        double frequency = has(r, "frequency_penalty") ? number(r, "frequency_penalty", -2, 2) : 0;
        int[] biasTokens = new int[0];
        float[] biasValues = new float[0];
        if (has(r, "logit_bias")) {
            JSObject bias = Js.get(r, "logit_bias");
            if (!Js.isPlainObject(bias)) {
                throw new IllegalArgumentException("'logit_bias' must be an object mapping token ids to biases,"
                        + " such as {\"50256\": -100}.");
            }
            JSObject keys = Js.keys(bias);
            int n = Js.length(keys);
            biasTokens = new int[n];
            biasValues = new float[n];
            for (int i = 0; i < n; i++) {
                String key = Js.element(keys, i);
                biasTokens[i] = tokenId(key);
                biasValues[i] = (float) number(bias, key, -SamplingParams.MAX_BIAS, SamplingParams.MAX_BIAS,
                        "'logit_bias' value for token " + key);
            }
        }
        return new SamplingParams((float) temperature, (long) seed, topK, (float) topP, (float) minP, (float) repeat,
                lastN, (float) presence, (float) frequency, biasTokens, biasValues);
    }

    /** {@code stop}: absent, null, a string, or an array of up to four non-empty strings. */
    public static List<String> stop(JSObject r) {
        List<String> stop = new ArrayList<>();
        if (!Js.has(r, "stop")) {
            return stop;
        }
        String rule = "'stop' must be a non-empty string or an array of up to " + CompletionRequest.MAX_STOP
                + " non-empty strings.";
        if (Js.typeOf(r, "stop").equals("string")) {
            stop.add(Js.string(r, "stop"));
        } else if (Js.isArray(Js.get(r, "stop"))) {
            JSObject array = Js.get(r, "stop");
            int n = Js.length(array);
            if (n > CompletionRequest.MAX_STOP) {
                throw new IllegalArgumentException(rule + " Got " + n + ".");
            }
            for (int i = 0; i < n; i++) {
                if (!Js.elementIsString(array, i)) {
                    throw new IllegalArgumentException(rule + " Element " + i + " is not a string.");
                }
                stop.add(Js.element(array, i));
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

    private static boolean has(JSObject r, String key) {
        return Js.has(r, key);
    }

    private static double number(JSObject r, String key, double min, double max) {
        return number(r, key, min, max, "'" + key + "'");
    }

    private static double number(JSObject r, String key, double min, double max, String what) {
        if (!Js.typeOf(r, key).equals("number")) {
            throw new IllegalArgumentException(what + " must be a number from " + format(min) + " to " + format(max) + ".");
        }
        double v = Js.number(r, key);
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(what + " must be a number from " + format(min) + " to " + format(max)
                    + ", got " + v + ".");
        }
        return v;
    }

    private static int integer(JSObject r, String key, int min, int max) {
        double v = Js.typeOf(r, key).equals("number") ? Js.number(r, key) : Double.NaN;
        if (!(v >= min && v <= max) || v != Math.floor(v)) {
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
