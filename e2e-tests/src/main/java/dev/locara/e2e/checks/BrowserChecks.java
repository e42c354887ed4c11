package dev.locara.e2e.checks;

import dev.locara.cache.HttpRangeSource;
import dev.locara.chat.ChatTemplate;
import dev.locara.json.Json;
import dev.locara.chat.TemplateException;
import dev.locara.gguf.GgufReader;
import dev.locara.js.Async;
import dev.locara.js.Fetch;
import dev.locara.js.JsException;
import dev.locara.js.Response;
import dev.locara.tokenizer.Tokenizer;
import dev.locara.tokenizer.TokenizerVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;

/**
 * Checks of the runtime's Java code as TeaVM compiles it, run inside a dedicated worker (where the
 * engine runs) and reported to the end-to-end test as {name, ok, detail} records. They cover what
 * the JVM cannot: behaviour of TeaVM's runtime and class library in the browser.
 */
public final class BrowserChecks {
    private record Result(String name, boolean ok, String detail) {
    }

    private final List<Result> results = new ArrayList<>();

    public static void main(String[] args) {
        BrowserChecks checks = new BrowserChecks();
        checks.awaitSurvivesRejections();
        for (String vocab : new String[] {"llama-spm", "gpt-2", "bert-bge", "deepseek-coder"}) {
            checks.tokenizerVectors(vocab);
        }
        checks.chatTemplates();
        checks.markdownSpec();
        checks.report();
    }

    /**
     * The model chat templates rendered by the interpreter as TeaVM compiles it, compared with the goldens of
     * the independent renderer (the same files the JVM test reads; the build copies them to chat/).
     */
    @SuppressWarnings("unchecked")
    private void chatTemplates() {
        String name = "chat templates match @huggingface/jinja";
        try {
            Map<String, Object> spec = (Map<String, Object>) Json.parse(text("chat/cases.json"), null);
            Map<String, Map<String, Object>> special = (Map<String, Map<String, Object>>) spec.get("special");
            List<Map<String, Object>> cases = (List<Map<String, Object>>) spec.get("cases");
            List<?> today = (List<?>) spec.get("today");
            List<String> mismatches = new ArrayList<>();
            int rendered = 0;
            for (String id : special.keySet()) {
                String source = text("chat/" + id + ".jinja");
                for (Map<String, Object> c : cases) {
                    String file = "chat/" + id + "." + c.get("name");
                    ChatTemplate t = new ChatTemplate(source, "", (String) special.get(id).get("bos_token"),
                            (String) special.get(id).get("eos_token"));
                    t.setToday(((Long) today.get(0)).intValue(), ((Long) today.get(1)).intValue(), ((Long) today.get(2)).intValue());
                    Response golden = Fetch.get(file + ".txt");
                    List<Map<String, Object>> messages = (List<Map<String, Object>>) c.get("messages");
                    boolean gen = Boolean.TRUE.equals(c.get("add_generation_prompt"));
                    if (golden.isOk()) {
                        String out = t.render(messages, gen);
                        if (!out.equals(Async.await(golden.text()).stringValue()) || t.usesBuiltInFormat()) {
                            mismatches.add(file + ": " + out);
                        }
                    } else {
                        String error = text(file + ".error").strip();
                        try {
                            mismatches.add(file + ": rendered but should raise: " + t.render(messages, gen));
                        } catch (TemplateException e) {
                            if (e.kind() != TemplateException.Kind.RAISED || !e.getMessage().equals(error)) {
                                mismatches.add(file + ": " + e.kind() + " " + e.getMessage());
                            }
                        }
                    }
                    rendered++;
                }
            }
            boolean ok = mismatches.isEmpty() && rendered == special.size() * cases.size() && rendered >= 48;
            results.add(new Result(name, ok, rendered + " renderings; " + String.join("\n", mismatches)));
        } catch (RuntimeException e) {
            results.add(new Result(name, false, e.toString()));
        }
    }

    /** commonmark-java as TeaVM compiles it, on the CommonMark spec's examples (the build copies spec.txt). */
    private void markdownSpec() {
        String name = "markdown: the CommonMark spec examples";
        try {
            List<MarkdownSpec.Example> examples = MarkdownSpec.examples(text("markdown/spec.txt"));
            List<String> failed = MarkdownSpec.failures(examples);
            // The one known difference: a link label "[ẞ]" matches "[SS]" only where String.toUpperCase
            // maps ß to SS, which TeaVM's class library does not. Any other difference fails.
            boolean ok = failed.equals(List.of("540 (Links)")) && examples.size() > 600;
            results.add(new Result(name, ok, examples.size() + " examples" + (failed.isEmpty() ? " pass"
                    : "; " + failed.size() + " differ from the spec: " + String.join(", ", failed))));
        } catch (RuntimeException | Error e) {
            results.add(new Result(name, false, e.toString()));
        }
    }

    /** TeaVM 0.16's own await breaks on a rejected Error and then on the next await; ours must not. */
    private void awaitSurvivesRejections() {
        String name = "await keeps working after rejected promises";
        try {
            for (int round = 0; round < 3; round++) {
                try {
                    Async.await(rejected("round " + round));
                    results.add(new Result(name, false, "a rejected promise returned normally"));
                    return;
                } catch (JsException e) {
                    if (!e.getMessage().equals("TypeError: round " + round)) {
                        results.add(new Result(name, false, "lost the rejection's text: " + e.getMessage()));
                        return;
                    }
                }
                String value = Async.await(resolvedLater("value " + round)).stringValue();
                if (!value.equals("value " + round)) {
                    results.add(new Result(name, false, "the next await returned " + value));
                    return;
                }
            }
            results.add(new Result(name, true, ""));
        } catch (RuntimeException e) {
            results.add(new Result(name, false, e.toString()));
        }
    }

    /**
     * llama.cpp's conformance vectors for one vocabulary, through the same code path as a model load (range
     * requests, GGUF reader, Tokenizer.fromGguf): catches TeaVM class library differences (Character.getType,
     * String, collections) that the JVM tests cannot see. The test serves the vectors folder as models/.
     */
    private void tokenizerVectors(String vocab) {
        String name = "tokenizer vectors: " + vocab;
        String file = "models/ggml-vocab-" + vocab + ".gguf";
        try {
            Tokenizer tokenizer = Tokenizer.fromGguf(GgufReader.read(HttpRangeSource.open(file, vocab)));
            List<String> inputs = TokenizerVectors.inputs(text(file + ".inp"));
            List<String> mismatches = TokenizerVectors.mismatches(tokenizer, inputs, TokenizerVectors.outputs(text(file + ".out")));
            mismatches.addAll(tokenizer.warnings());
            boolean ok = mismatches.isEmpty() && inputs.size() == 46;
            results.add(new Result(name, ok, ok ? inputs.size() + " inputs match"
                    : inputs.size() + " inputs; " + String.join("\n", mismatches)));
        } catch (RuntimeException e) {
            results.add(new Result(name, false, e.toString()));
        }
    }

    private static String text(String url) {
        Response r = Fetch.get(url);
        if (!r.isOk()) {
            throw new IllegalStateException(url + " answered " + r.getStatus());
        }
        return Async.await(r.text()).stringValue();
    }

    private void report() {
        String[] names = new String[results.size()];
        boolean[] ok = new boolean[results.size()];
        String[] details = new String[results.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = results.get(i).name();
            ok[i] = results.get(i).ok();
            details[i] = results.get(i).detail();
        }
        post(names, ok, details);
    }

    @JSBody(params = "message", script = "return new Promise(function (resolve, reject) {"
            + " setTimeout(function () { reject(new TypeError(message)); }, 1); });")
    private static native JSPromise<JSObject> rejected(String message);

    @JSBody(params = "value", script = "return new Promise(function (resolve) {"
            + " setTimeout(function () { resolve(value); }, 1); });")
    private static native JSPromise<JSString> resolvedLater(String value);

    @JSBody(params = {"names", "ok", "details"}, script = "self.postMessage(names.map(function (n, i) {"
            + " return {name: n, ok: ok[i], detail: details[i]}; }));")
    private static native void post(String[] names, boolean[] ok, String[] details);
}
