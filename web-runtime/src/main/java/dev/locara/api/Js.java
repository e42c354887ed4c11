package dev.locara.api;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int32Array;

/** The JavaScript values the public API hands out, and typed access to the requests it receives. */
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

    @JSBody(params = "o", script = "return typeof o === 'string';")
    static native boolean isString(JSObject o);

    @JSBody(params = "o", script = "return o;")
    static native String asString(JSObject o);

    @JSBody(params = "o", script = "return o !== null && typeof o === 'object';")
    static native boolean isObject(JSObject o);

    @JSBody(params = {"o", "key"}, script = "return typeof o[key];")
    static native String typeOf(JSObject o, String key);

    @JSBody(params = {"o", "key"}, script = "return String(o[key]);")
    static native String string(JSObject o, String key);

    @JSBody(params = {"o", "key"}, script = "return Number(o[key]);")
    static native double number(JSObject o, String key);

    @JSBody(params = {"o", "key"}, script = "return o[key] === true;")
    static native boolean isTrue(JSObject o, String key);

    @JSBody(params = {"o", "key"}, script = "return o[key];")
    static native JSObject get(JSObject o, String key);

    @JSBody(params = "o", script = "return o !== null && typeof o === 'object' && !Array.isArray(o);")
    static native boolean isPlainObject(JSObject o);

    @JSBody(params = "o", script = "return Array.isArray(o);")
    static native boolean isArray(JSObject o);

    @JSBody(params = "o", script = "return o.length;")
    static native int length(JSObject o);

    @JSBody(params = {"o", "i"}, script = "return typeof o[i] === 'string';")
    static native boolean elementIsString(JSObject o, int i);

    @JSBody(params = {"o", "i"}, script = "return o[i];")
    static native String element(JSObject o, int i);

    @JSBody(params = "o", script = "return Object.keys(o);")
    static native JSObject keys(JSObject o);

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

    @JSBody(params = {"ready", "create", "chat", "list", "download", "importFile", "add", "stored", "remove", "benchmark"},
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
            + "  delete: function (id) { return remove(id, null); }}),"
            + " benchmark: Object.freeze({run: function (request) {"
            + "  return benchmark(request === undefined ? null : request); }})};"
            + " ready.catch(function () {});" // a rejection is reported by the page; keep it from being 'unhandled'
            + " self.locara = Object.freeze(api);")
    static native void install(JSObject ready, Function1 create, Function1 chat, Function0 list, Function2 download,
                               Function2 importFile, Function2 add, Function0 stored, Function2 remove,
                               Function1 benchmark);

    /** The absolute http(s) URL of models.add's {url}, resolved against the page, or null when it is not one. */
    @JSBody(params = "r", script = "if (r === null || typeof r !== 'object' || typeof r.url !== 'string') return null;"
            + " try { var u = new URL(r.url, self.location.href);"
            + "  return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null; } catch (e) { return null; }")
    static native String modelUrl(JSObject request);

    /** The name a model added by URL is stored under: its {id} when given, else the URL's file name. */
    @JSBody(params = {"r", "url"}, script = "if (typeof r.id === 'string' && r.id.length > 0) return r.id;"
            + " var path = new URL(url).pathname; var name = path.substring(path.lastIndexOf('/') + 1);"
            + " return name.length > 0 ? decodeURIComponent(name) : 'added.gguf';")
    static native String addedName(JSObject request, String url);

    @JSBody(params = "v", script = "return typeof Blob !== 'undefined' && v instanceof Blob;")
    static native boolean isBlob(JSObject value);

    /** A File's name; a plain Blob has none. */
    @JSBody(params = "v", script = "return typeof v.name === 'string' && v.name.length > 0 ? v.name : 'imported.gguf';")
    static native String fileName(JSObject blob);

    @JSBody(params = {"f", "value"}, script = "if (typeof f === 'function') { f(value); }")
    static native void callIfFunction(JSObject f, JSObject value);

    /** Why request.messages is not an array of {role, content} strings, or null when it is. */
    @JSBody(params = "r", script = "var m = r.messages;"
            + " if (!Array.isArray(m) || m.length === 0) return \"'messages' is required: a non-empty array of {role, content}.\";"
            + " for (var i = 0; i < m.length; i++) {"
            + "  if (m[i] === null || typeof m[i] !== 'object') return 'messages[' + i + '] must be an object {role, content}.';"
            + "  if (typeof m[i].role !== 'string') return 'messages[' + i + \"].role must be a string such as 'user'.\";"
            + "  if (typeof m[i].content !== 'string') return 'messages[' + i + '].content must be a string.'; }"
            + " return null;")
    static native String chatMessagesError(JSObject request);

    @JSBody(params = "v", script = "return JSON.stringify(v);")
    static native String stringify(JSObject value);

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

    @JSBody(script = "return Math.floor(Math.random() * 4294967296);")
    static native double randomSeed();
}
