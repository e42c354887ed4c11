package dev.locara.api;

import dev.locara.sample.SamplingParams;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int32Array;

/** Builds the {@link EngineMessage}s (JSBody natives must live in a class, not an interface). */
public final class EngineMessages {
    private EngineMessages() {
    }

    @JSBody(params = {"id", "model", "url", "prompt", "maxTokens", "temperature", "seed"},
            script = "return {type: 'generate', id: id, model: model, url: url, prompt: prompt, maxTokens: maxTokens,"
                    + " temperature: temperature, seed: seed};")
    public static native EngineMessage generate(int id, String model, String url, String prompt, int maxTokens,
                                         double temperature, double seed);

    /** A chat request: {@code messages} is the JSON text of the OpenAI-style array, rendered in the worker. */
    @JSBody(params = {"id", "model", "url", "messages", "maxTokens", "temperature", "seed"},
            script = "return {type: 'chat', id: id, model: model, url: url, messages: messages, maxTokens: maxTokens,"
                    + " temperature: temperature, seed: seed};")
    public static native EngineMessage chat(int id, String model, String url, String messages, int maxTokens,
                                     double temperature, double seed);

    /** A chat token: {@code text} is answer content, {@code reasoning} text of a think block (either may be empty). */
    @JSBody(params = {"id", "token", "text", "reasoning"},
            script = "return {type: 'token', id: id, token: token, text: text, reasoning: reasoning};")
    public static native EngineMessage chatToken(int id, int token, String text, String reasoning);

    @JSBody(params = "id", script = "return {type: 'stop', id: id};")
    public static native EngineMessage stop(int id);

    @JSBody(params = {"vendor", "architecture", "description", "fallback"},
            script = "return {type: 'ready', vendor: vendor, architecture: architecture, description: description,"
                    + " fallback: fallback};")
    public static native EngineMessage ready(String vendor, String architecture, String description, boolean fallback);

    @JSBody(params = {"code", "message"}, script = "return {type: 'fatal', code: code, message: message};")
    public static native EngineMessage fatal(String code, String message);

    @JSBody(params = {"id", "token", "text"}, script = "return {type: 'token', id: id, token: token, text: text};")
    public static native EngineMessage token(int id, int token, String text);

    @JSBody(params = {"id", "finishReason", "promptTokens", "tokens", "promptMs", "decodeMs"},
            script = "return {type: 'done', id: id, finishReason: finishReason, promptTokens: promptTokens,"
                    + " tokens: tokens, promptMs: promptMs, decodeMs: decodeMs};")
    public static native EngineMessage done(int id, String finishReason, int promptTokens, Int32Array tokens,
                                     double promptMs, double decodeMs);

    /** Page to worker: a model-storage operation ("download", "stored", "delete") on {@code model}. */
    @JSBody(params = {"id", "op", "model"}, script = "return {type: 'storage', id: id, op: op, model: model};")
    public static native EngineMessage storage(int id, String op, String model);

    @JSBody(params = {"id", "loaded", "total", "bytesPerSecond", "secondsLeft"},
            script = "return {type: 'progress', id: id, value: {loaded: loaded, total: total,"
                    + " bytes_per_second: bytesPerSecond, seconds_left: secondsLeft < 0 ? null : secondsLeft}};")
    public static native EngineMessage progress(int id, double loaded, double total, double bytesPerSecond,
                                                double secondsLeft);

    /** Page to worker: import {@code file} (a File or Blob, posted as is); {@code name} gives the user model its id. */
    @JSBody(params = {"id", "file", "name"}, script = "return {type: 'storage', id: id, op: 'import', model: name, file: file};")
    public static native EngineMessage importFile(int id, org.teavm.jso.JSObject file, String name);

    /** Page to worker: download the file at {@code url} as a user model named after {@code name}. */
    @JSBody(params = {"id", "url", "name"}, script = "return {type: 'storage', id: id, op: 'add', model: name, url: url};")
    public static native EngineMessage addUrl(int id, String url, String name);

    /** Page to worker: measure this device with {@code model} (null: the model the engine holds). */
    @JSBody(params = {"id", "model", "url", "promptTokens", "decodeTokens"},
            script = "return {type: 'benchmark', id: id, model: model, url: url, promptTokens: promptTokens,"
                    + " decodeTokens: decodeTokens};")
    public static native EngineMessage benchmark(int id, String model, String url, int promptTokens, int decodeTokens);

    /** Worker to page: a benchmark has reached {@code stage}, step {@code step} of {@code steps}. */
    @JSBody(params = {"id", "stage", "step", "steps", "text"},
            script = "return {type: 'progress', id: id, value: {stage: stage, step: step, steps: steps, text: text}};")
    public static native EngineMessage stage(int id, String stage, int step, int steps, String text);

    /** Worker to page: the one result of a storage operation or a benchmark. */
    @JSBody(params = {"id", "value"}, script = "return {type: 'reply', id: id, value: value};")
    public static native EngineMessage reply(int id, org.teavm.jso.JSObject value);

    @JSBody(params = {"id", "code", "message"}, script = "return {type: 'error', id: id, code: code, message: message};")
    public static native EngineMessage error(int id, String code, String message);

    /** Adds the sampling settings and stop strings to a generate (or chat) message; returns it. */
    public static EngineMessage withSampling(EngineMessage m, SamplingParams s, List<String> stop) {
        int[] tokens = s.biasTokens();
        float[] values = s.biasValues();
        Int32Array biasTokens = new Int32Array(tokens.length);
        Float32Array biasValues = new Float32Array(values.length);
        for (int i = 0; i < tokens.length; i++) {
            biasTokens.set(i, tokens[i]);
            biasValues.set(i, values[i]);
        }
        setSampling(m, s.temperature(), s.topK(), s.topP(), s.minP(), s.repeatPenalty(), s.penaltyLastN(),
                s.presencePenalty(), s.frequencyPenalty(), biasTokens, biasValues, stop.toArray(new String[0]));
        return m;
    }

    /** The settings {@link #withSampling} put on a message, validated again on the worker's side. */
    public static SamplingParams sampling(EngineMessage m) {
        if (!hasSampling(m)) {
            return SamplingParams.of((float) m.getTemperature(), (long) m.getSeed());
        }
        Int32Array tokens = m.getBiasTokens();
        Float32Array values = m.getBiasValues();
        int[] t = new int[tokens.getLength()];
        float[] v = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = tokens.get(i);
            v[i] = values.get(i);
        }
        return new SamplingParams((float) m.getTemperature(), (long) m.getSeed(), m.getTopK(), (float) m.getTopP(),
                (float) m.getMinP(), (float) m.getRepeatPenalty(), m.getPenaltyLastN(), (float) m.getPresencePenalty(),
                (float) m.getFrequencyPenalty(), t, v);
    }

    public static List<String> stop(EngineMessage m) {
        List<String> stop = new ArrayList<>();
        for (int i = 0, n = stopCount(m); i < n; i++) {
            stop.add(stopAt(m, i));
        }
        return stop;
    }

    @JSBody(params = {"m", "temperature", "topK", "topP", "minP", "repeatPenalty", "penaltyLastN", "presencePenalty",
            "frequencyPenalty", "biasTokens", "biasValues", "stop"},
            script = "m.temperature = temperature; m.topK = topK; m.topP = topP; m.minP = minP;"
                    + " m.repeatPenalty = repeatPenalty; m.penaltyLastN = penaltyLastN; m.presencePenalty = presencePenalty;"
                    + " m.frequencyPenalty = frequencyPenalty; m.biasTokens = biasTokens; m.biasValues = biasValues;"
                    + " m.stop = Array.from(stop);")
    private static native void setSampling(EngineMessage m, double temperature, int topK, double topP, double minP,
                                           double repeatPenalty, int penaltyLastN, double presencePenalty,
                                           double frequencyPenalty, Int32Array biasTokens, Float32Array biasValues,
                                           String[] stop);

    @JSBody(params = "m", script = "return m.biasTokens !== undefined;")
    private static native boolean hasSampling(EngineMessage m);

    @JSBody(params = "m", script = "return m.stop ? m.stop.length : 0;")
    private static native int stopCount(EngineMessage m);

    @JSBody(params = {"m", "i"}, script = "return String(m.stop[i]);")
    private static native String stopAt(EngineMessage m, int i);

    /** Adds the KV cache length a generate request asks for (0: the engine's default). */
    @JSBody(params = {"m", "contextLength"}, script = "m.contextLength = contextLength; return m;")
    public static native EngineMessage withContextLength(EngineMessage m, int contextLength);

    /** The context length on a message, 0 when it carries none. */
    @JSBody(params = "m", script = "return m.contextLength | 0;")
    public static native int contextLength(EngineMessage m);
}
