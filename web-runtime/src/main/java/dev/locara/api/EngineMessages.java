package dev.locara.api;

import org.teavm.jso.JSBody;
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

    /** Worker to page: the one result of a storage operation. */
    @JSBody(params = {"id", "value"}, script = "return {type: 'reply', id: id, value: value};")
    public static native EngineMessage reply(int id, org.teavm.jso.JSObject value);

    @JSBody(params = {"id", "code", "message"}, script = "return {type: 'error', id: id, code: code, message: message};")
    public static native EngineMessage error(int id, String code, String message);
}
