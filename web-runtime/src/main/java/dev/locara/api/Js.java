package dev.locara.api;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int32Array;

/**
 * The JavaScript side of window.locara: the values it hands out, and the bridge that turns what a
 * caller passes into what the pure request parsers read (JSON text of the plain fields, strings).
 */
final class Js {
    private Js() {
    }

    @JSFunctor
    interface Function0 extends JSObject {
        JSObject call();
    }

    @JSFunctor
    interface Function1 extends JSObject {
        JSObject call(JSObject argument);
    }

    @JSFunctor
    interface Callback extends JSObject {
        void call();
    }

    @JSBody(params = {"o", "key"}, script = "return o !== null && typeof o === 'object' && o[key] !== undefined && o[key] !== null;")
    static native boolean has(JSObject o, String key);

    /**
     * A request object's plain fields as JSON text for the parsers in dev.locara.protocol, or null
     * for undefined. Functions and undefined members drop out (the page takes onProgress and signal
     * aside); a value JSON cannot hold (NaN, Infinity, a BigInt) becomes a marker object that no
     * field check accepts, and so does a request that cannot be written at all (a cycle).
     */
    @JSBody(params = "r", script = "if (r === undefined) return null;"
            + " try { return JSON.stringify(r, function (k, v) {"
            + "  return (typeof v === 'number' && !isFinite(v)) || typeof v === 'bigint' ? {'\\u0000': String(v)} : v; });"
            + " } catch (e) { return JSON.stringify({'\\u0000': String(e)}); }")
    static native String requestJson(JSObject request);

    /** The value if it is a number, else NaN. */
    @JSBody(params = "v", script = "return typeof v === 'number' ? v : NaN;")
    static native double number(JSObject value);

    /** The value if it is a string, else null. */
    @JSBody(params = "v", script = "return typeof v === 'string' ? v : null;")
    static native String stringOrNull(JSObject value);

    /** {@code url} made absolute against the page, or null when it is no URL (only the browser knows the page's address). */
    @JSBody(params = "url", script = "try { return new URL(url, self.location.href).href; } catch (e) { return null; }")
    static native String resolveUrl(String url);

    /** A storage or benchmark result: the JSON text the worker wrote, as the object the promise resolves to. */
    @JSBody(params = "json", script = "return JSON.parse(json);")
    static native JSObject parseJson(String json);

    @JSBody(params = {"loaded", "total", "bytesPerSecond", "secondsLeft"},
            script = "return {loaded: loaded, total: total, bytes_per_second: bytesPerSecond,"
                    + " seconds_left: secondsLeft < 0 ? null : secondsLeft};")
    static native JSObject downloadProgress(double loaded, double total, double bytesPerSecond, double secondsLeft);

    @JSBody(params = {"stage", "step", "steps", "text"},
            script = "return {stage: stage, step: step, steps: steps, text: text};")
    static native JSObject stageProgress(String stage, int step, int steps, String text);

    /** A load's report, in WebLLM's shape ({progress, timeElapsed in seconds, text}) plus its stage and its count. */
    @JSBody(params = {"stage", "progress", "timeElapsed", "text", "loaded", "total"},
            script = "return {stage: stage, progress: progress, timeElapsed: timeElapsed, text: text,"
                    + " loaded: loaded, total: total};")
    static native JSObject loadProgress(String stage, double progress, double timeElapsed, String text, double loaded,
                                        double total);

    @JSBody(params = {"o", "key"}, script = "return o[key];")
    static native JSObject get(JSObject o, String key);

    /** A JS Error whose name and code say what went wrong, so callers can branch on {@code code}. */
    @JSBody(params = {"name", "code", "message"}, script = "var e = new Error(message); e.name = name; e.code = code; return e;")
    static native JSObject error(String name, String code, String message);

    @JSBody(params = {"signal", "callback"}, script = "if (signal.aborted) { callback(); return; }"
            + " signal.addEventListener('abort', function () { callback(); }, {once: true});")
    static native void onAbort(JSObject signal, Callback callback);

    @JSBody(params = {"value", "done"}, script = "return {value: value, done: done};")
    static native JSObject iteration(JSObject value, boolean done);

    @JSBody(params = {"next", "stop"}, script = "var it = {next: function () { return next(); },"
            + " return: function () { return stop(); }};"
            + " it[Symbol.asyncIterator] = function () { return it; }; return it;")
    static native JSObject asyncIterator(Function0 next, Function0 stop);

    @JSBody(params = {"id", "created", "model", "text", "tokens", "finishReason", "promptTokens", "promptMs", "decodeMs"},
            script = "var ids = Array.from(tokens); return {id: id, object: 'text_completion', created: created, model: model,"
                    + " choices: [{index: 0, text: text, finish_reason: finishReason, logprobs: null, token_ids: ids}],"
                    + " usage: {prompt_tokens: promptTokens, completion_tokens: ids.length, total_tokens: promptTokens + ids.length},"
                    + " timings: {prompt_ms: promptMs, decode_ms: decodeMs,"
                    + "  decode_tokens_per_second: decodeMs > 0 && ids.length > 1 ? (ids.length - 1) * 1000 / decodeMs : null}};")
    static native JSObject completion(String id, double created, String model, String text, Int32Array tokens,
                                      String finishReason, int promptTokens, double promptMs, double decodeMs);

    @JSBody(params = {"id", "created", "model", "text", "token"},
            script = "return {id: id, object: 'text_completion', created: created, model: model,"
                    + " choices: [{index: 0, text: text, finish_reason: null, logprobs: null, token_ids: token >= 0 ? [token] : []}]};")
    static native JSObject chunk(String id, double created, String model, String text, int token);

    @JSBody(params = {"id", "created", "model", "finishReason", "promptTokens", "completionTokens", "promptMs", "decodeMs"},
            script = "return {id: id, object: 'text_completion', created: created, model: model,"
                    + " choices: [{index: 0, text: '', finish_reason: finishReason, logprobs: null, token_ids: []}],"
                    + " usage: {prompt_tokens: promptTokens, completion_tokens: completionTokens,"
                    + "  total_tokens: promptTokens + completionTokens},"
                    + " timings: {prompt_ms: promptMs, decode_ms: decodeMs,"
                    + "  decode_tokens_per_second: decodeMs > 0 && completionTokens > 1 ? (completionTokens - 1) * 1000 / decodeMs : null}};")
    static native JSObject lastChunk(String id, double created, String model, String finishReason, int promptTokens,
                                     int completionTokens, double promptMs, double decodeMs);

    @JSBody(params = {"vendor", "architecture", "description", "fallback"},
            script = "return {adapter: {vendor: vendor, architecture: architecture, description: description, fallback: fallback}};")
    static native JSObject engineInfo(String vendor, String architecture, String description, boolean fallback);

    @JSBody(params = {"ids", "names", "loaded"}, script = "return {object: 'list', data: ids.map(function (id, i) {"
            + " return {id: id, object: 'model', owned_by: 'locara', name: names[i], loaded: id === loaded}; })};")
    static native JSObject modelList(String[] ids, String[] names, String loaded);

    @JSFunctor
    interface Function2 extends JSObject {
        JSObject call(JSObject first, JSObject second);
    }

    @JSBody(params = {"ready", "create", "chat", "list", "download", "importFile", "add", "stored", "remove", "verify",
            "load", "benchmark", "embeddings"},
            script = "var api = {ready: ready,"
            + " completions: Object.freeze({create: function (request) { return create(request); }}),"
            + " chat: Object.freeze({completions: Object.freeze({create: function (request) { return chat(request); }})}),"
            + " models: Object.freeze({list: function () { return list(); },"
            + "  download: function (id, options) { return download(id, options === undefined ? null : options); },"
            + "  import: function (file, options) { return importFile(file === undefined ? null : file,"
            + "   options === undefined ? null : options); },"
            + "  add: function (request, options) { return add(request === undefined ? null : request,"
            + "   options === undefined ? null : options); },"
            + "  stored: function () { return stored(); },"
            + "  delete: function (id) { return remove(id, null); },"
            + "  verify: function (options) { return verify(options === undefined ? null : options); },"
            + "  load: function (id, options) { return load(id, options === undefined ? null : options); }}),"
            + " benchmark: Object.freeze({run: function (request) {"
            + "  return benchmark(request === undefined ? null : request); }}),"
            + " embeddings: Object.freeze({create: function (request) {"
            + "  return embeddings(request === undefined ? null : request); }})};"
            + " ready.catch(function () {});" // a rejection is reported by the page; keep it from being 'unhandled'
            + " self.locara = Object.freeze(api);")
    static native void install(JSObject ready, Function1 create, Function1 chat, Function0 list, Function2 download,
                               Function2 importFile, Function2 add, Function0 stored, Function2 remove,
                               Function1 verify, Function2 load, Function1 benchmark, Function1 embeddings);

    @JSBody(params = "v", script = "return typeof Blob !== 'undefined' && v instanceof Blob;")
    static native boolean isBlob(JSObject value);

    /** A File's name; a plain Blob has none. */
    @JSBody(params = "v", script = "return typeof v.name === 'string' && v.name.length > 0 ? v.name : 'imported.gguf';")
    static native String fileName(JSObject blob);

    @JSBody(params = {"f", "value"}, script = "if (typeof f === 'function') { f(value); }")
    static native void callIfFunction(JSObject f, JSObject value);

    @JSBody(params = {"id", "created", "model", "content", "reasoning", "finishReason", "promptTokens", "completionTokens"},
            script = "var message = {role: 'assistant', content: content};"
                    + " if (reasoning !== null) message.reasoning_content = reasoning;"
                    + " return {id: id, object: 'chat.completion', created: created, model: model,"
                    + " choices: [{index: 0, message: message, finish_reason: finishReason, logprobs: null}],"
                    + " usage: {prompt_tokens: promptTokens, completion_tokens: completionTokens,"
                    + "  total_tokens: promptTokens + completionTokens}};")
    static native JSObject chatCompletion(String id, double created, String model, String content, String reasoning,
                                          String finishReason, int promptTokens, int completionTokens);

    /** One chat.completion.chunk; null fields are left out of the delta; usage only on the last (promptTokens &gt;= 0). */
    @JSBody(params = {"id", "created", "model", "role", "content", "reasoning", "finishReason", "promptTokens", "completionTokens"},
            script = "var delta = {};"
                    + " if (role !== null) delta.role = role;"
                    + " if (content !== null) delta.content = content;"
                    + " if (reasoning !== null) delta.reasoning_content = reasoning;"
                    + " var chunk = {id: id, object: 'chat.completion.chunk', created: created, model: model,"
                    + " choices: [{index: 0, delta: delta, finish_reason: finishReason, logprobs: null}]};"
                    + " if (promptTokens >= 0) chunk.usage = {prompt_tokens: promptTokens, completion_tokens: completionTokens,"
                    + "  total_tokens: promptTokens + completionTokens};"
                    + " return chunk;")
    static native JSObject chatChunk(String id, double created, String model, String role, String content, String reasoning,
                                     String finishReason, int promptTokens, int completionTokens);

    @JSBody(script = "return Math.floor(Date.now() / 1000);")
    static native double nowSeconds();
}
