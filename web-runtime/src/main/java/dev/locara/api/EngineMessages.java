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

    @JSBody(params = {"id", "code", "message"}, script = "return {type: 'error', id: id, code: code, message: message};")
    public static native EngineMessage error(int id, String code, String message);
}
