package dev.locara.app;

import dev.locara.chat.ChatPrompt;
import dev.locara.chat.ChatTemplate;
import dev.locara.chat.ReasoningSplitter;
import dev.locara.engine.Completion;
import dev.locara.engine.CompletionRequest;
import dev.locara.engine.Generator;
import dev.locara.protocol.Reply;
import dev.locara.protocol.Request;
import dev.locara.sample.SamplingParams;
import java.util.List;
import java.util.function.IntPredicate;
import org.teavm.jso.JSBody;

/**
 * Completions and chats: loads the model the request names (its "loading" reports go to the same
 * request, so a chat's first answer can show the load), generates, and streams a token message per
 * token (a chat's split into answer and think-block text), then one "done". models.load is here too.
 */
final class GenerateJob {
    private final ModelHost host;
    private final IntPredicate stopped;

    /** @param stopped whether request {@code id} was asked to stop */
    GenerateJob(ModelHost host, IntPredicate stopped) {
        this.host = host;
        this.stopped = stopped;
    }

    void completion(Request.Generate r) {
        var p = r.params();
        ModelHost.Loaded model = host.load(p.model(), r.url(), p.contextLength(), new LoadReport(r.id(), p.model()));
        run(r.id(), model, null, null, request(p.prompt(), p.maxTokens(), p.sampling(), p.stop()));
    }

    void chat(Request.Chat r) {
        var p = r.params();
        ModelHost.Loaded model = host.load(p.model(), r.url(), p.contextLength(), new LoadReport(r.id(), p.model()));
        ChatPrompt.Rendered rendered = model.chat().render(ChatTemplate.parseMessages(p.messagesJson()));
        ReasoningSplitter split = rendered.opensReasoning() ? ReasoningSplitter.startedInReasoning() : new ReasoningSplitter();
        run(r.id(), model, rendered, split, request("", p.maxTokens(), p.sampling(), p.stop()));
    }

    /** models.load: the model onto the GPU, reporting each stage; answers with what was loaded. */
    void load(Request.Load r) {
        double start = now();
        ModelHost.Loaded model = host.load(r.model(), r.url(), r.contextLength(), new LoadReport(r.id(), r.model()));
        Outbox.post(new Reply.Result(r.id(), StorageReplies.loaded(r.model(), model.generator().model().contextLength(),
                now() - start)));
    }

    private static CompletionRequest request(String prompt, int maxTokens, SamplingParams sampling, List<String> stop) {
        return new CompletionRequest(prompt, maxTokens, sampling, stop);
    }

    /** {@code rendered} and {@code split} are null for a completion. */
    private void run(int id, ModelHost.Loaded model, ChatPrompt.Rendered rendered, ReasoningSplitter split,
                     CompletionRequest request) {
        double start = now();
        double[] firstToken = {-1};
        // The hot path: one small message per token, nothing else per token.
        Generator.TokenSink sink = (token, text) -> {
            if (firstToken[0] < 0) {
                firstToken[0] = now();
            }
            if (split == null) {
                Outbox.post(new Reply.Token(id, token, text));
            } else {
                ReasoningSplitter.Delta d = split.push(text);
                Outbox.post(new Reply.ChatToken(id, token, d.content(), d.reasoning()));
            }
        };
        Completion done = rendered != null
                ? model.generator().generate(rendered.tokens(), request, sink, () -> stopped.test(id))
                : model.generator().generate(request, sink, () -> stopped.test(id));
        if (split != null) {
            ReasoningSplitter.Delta rest = split.flush();
            if (!rest.isEmpty()) {
                Outbox.post(new Reply.ChatToken(id, -1, rest.content(), rest.reasoning()));
            }
        }
        double end = now();
        double promptMs = (firstToken[0] < 0 ? end : firstToken[0]) - start;
        double decodeMs = firstToken[0] < 0 ? 0 : end - firstToken[0];
        Outbox.post(new Reply.Done(id, done.finishReason(), done.promptTokens().length, done.tokens(), promptMs, decodeMs,
                model.generator().model().contextLength()));
    }

    @JSBody(script = "return performance.now();")
    static native double now();
}
