package dev.locara.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the engine worker tells the page. {@link Ready} or {@link Fatal} comes once, first; every
 * other reply answers the request with its {@code id}, and each request ends with exactly one of
 * {@link Done} (generations), {@link Result} (storage, loads, benchmark) or {@link Failed}.
 */
public sealed interface Reply extends Message {
    /** The page's side: one method per kind. */
    interface Handler {
        void ready(Ready r);

        void fatal(Fatal r);

        void token(Token r);

        void chatToken(ChatToken r);

        void done(Done r);

        void progress(Progress r);

        void stage(Stage r);

        void loading(Loading r);

        void result(Result r);

        void failed(Failed r);
    }

    /** The engine is up, on this WebGPU adapter. */
    record Ready(String vendor, String architecture, String description, boolean fallback) implements Reply {
    }

    /** The engine cannot start (no WebGPU, a device that failed to open); every request fails with this. */
    record Fatal(Failure failure) implements Reply {
    }

    /** One generated token of a completion and its text: the hot message, one per token, three plain fields. */
    record Token(int id, int token, String text) implements Reply {
    }

    /**
     * One token of a chat: its answer text and its think-block text apart (either may be empty);
     * {@code token} is -1 on the text held back until the end.
     */
    record ChatToken(int id, int token, String content, String reasoning) implements Reply {
    }

    /**
     * A generation ended: why, its prompt's length, every generated token id, how long each phase took,
     * and the context (KV positions) it ran in, so that a chat can show how full its context is.
     */
    record Done(int id, String finishReason, int promptTokens, int[] tokens, double promptMs, double decodeMs,
                int contextLength)
            implements Reply {
        public Done {
            tokens = tokens.clone();
        }

        @Override
        public int[] tokens() {
            return tokens.clone();
        }

        public int completionTokens() {
            return tokens.length;
        }

        // Records compare arrays by identity; two equal replies should be equal.
        @Override
        public boolean equals(Object o) {
            return o instanceof Done d && id == d.id && Objects.equals(finishReason, d.finishReason)
                    && promptTokens == d.promptTokens && Arrays.equals(tokens, d.tokens)
                    && Double.compare(promptMs, d.promptMs) == 0 && Double.compare(decodeMs, d.decodeMs) == 0;
        }

        @Override
        public int hashCode() {
            return id * 31 + Arrays.hashCode(tokens);
        }
    }

    /** A download or import has {@code loaded} of {@code total} bytes; {@code secondsLeft} below 0 is not known yet. */
    record Progress(int id, double loaded, double total, double bytesPerSecond, double secondsLeft) implements Reply {
    }

    /** A benchmark reached {@code stage} ("load", "limits", "prompt", "decode"), step {@code step} of {@code steps}. */
    record Stage(int id, String stage, int step, int steps, String text) implements Reply {
    }

    /**
     * A model load reached {@code stage} ("read": the header and tokenizer, "upload": the weights
     * streamed into GPU buffers, "compile": waiting for kernels, "ready"), {@code loaded} of
     * {@code total} in that stage (bytes, or kernels), {@code progress} of the whole load (0 to 1, never
     * going back), {@code elapsedMs} since the load started.
     */
    record Loading(int id, String stage, double progress, double loaded, double total, double elapsedMs, String text)
            implements Reply {
    }

    /**
     * The one answer of a storage operation or a benchmark: {@code value} is the JSON text of what
     * the public API's promise resolves to (snake_case fields), so the page hands it on unread.
     */
    record Result(int id, String value) implements Reply {
        public Result {
            if (value == null) {
                throw new IllegalArgumentException("The message field 'value' is required.");
            }
        }
    }

    /** Request {@code id} failed; -1 when the message that failed carried no id the worker could read. */
    record Failed(int id, Failure failure) implements Reply {
    }

    KindTable<Reply, Handler> KINDS = new KindTable<Reply, Handler>("reply")
            .add("ready", Ready.class, Handler::ready, (m, w) -> {
                w.string("vendor", m.vendor());
                w.string("architecture", m.architecture());
                w.string("description", m.description());
                w.bool("fallback", m.fallback());
            }, r -> new Ready(r.string("vendor"), r.string("architecture"), r.string("description"), r.bool("fallback")))
            .add("fatal", Fatal.class, Handler::fatal, (m, w) -> failure(w, m.failure()), r -> new Fatal(failure(r)))
            .add("token", Token.class, Handler::token, (m, w) -> {
                w.integer("id", m.id());
                w.integer("token", m.token());
                w.string("text", m.text());
            }, r -> new Token(r.integer("id"), r.integer("token"), r.string("text")))
            .add("chat_token", ChatToken.class, Handler::chatToken, (m, w) -> {
                w.integer("id", m.id());
                w.integer("token", m.token());
                w.string("content", m.content());
                w.string("reasoning", m.reasoning());
            }, r -> new ChatToken(r.integer("id"), r.integer("token"), r.string("content"), r.string("reasoning")))
            .add("done", Done.class, Handler::done, (m, w) -> {
                w.integer("id", m.id());
                w.string("finishReason", m.finishReason());
                w.integer("promptTokens", m.promptTokens());
                w.ints("tokens", m.tokens);
                w.number("promptMs", m.promptMs());
                w.number("decodeMs", m.decodeMs());
                w.integer("contextLength", m.contextLength());
            }, r -> new Done(r.integer("id"), r.string("finishReason"), r.integer("promptTokens"), r.ints("tokens"),
                    r.number("promptMs"), r.number("decodeMs"), r.integer("contextLength")))
            .add("progress", Progress.class, Handler::progress, (m, w) -> {
                w.integer("id", m.id());
                w.number("loaded", m.loaded());
                w.number("total", m.total());
                w.number("bytesPerSecond", m.bytesPerSecond());
                w.number("secondsLeft", m.secondsLeft());
            }, r -> new Progress(r.integer("id"), r.number("loaded"), r.number("total"), r.number("bytesPerSecond"),
                    r.number("secondsLeft")))
            .add("stage", Stage.class, Handler::stage, (m, w) -> {
                w.integer("id", m.id());
                w.string("stage", m.stage());
                w.integer("step", m.step());
                w.integer("steps", m.steps());
                w.string("text", m.text());
            }, r -> new Stage(r.integer("id"), r.string("stage"), r.integer("step"), r.integer("steps"), r.string("text")))
            .add("loading", Loading.class, Handler::loading, (m, w) -> {
                w.integer("id", m.id());
                w.string("stage", m.stage());
                w.number("progress", m.progress());
                w.number("loaded", m.loaded());
                w.number("total", m.total());
                w.number("elapsedMs", m.elapsedMs());
                w.string("text", m.text());
            }, r -> new Loading(r.integer("id"), r.string("stage"), r.number("progress"), r.number("loaded"),
                    r.number("total"), r.number("elapsedMs"), r.string("text")))
            .add("result", Result.class, Handler::result, (m, w) -> {
                w.integer("id", m.id());
                w.string("value", m.value());
            }, r -> new Result(r.integer("id"), r.string("value")))
            .add("error", Failed.class, Handler::failed, (m, w) -> {
                w.integer("id", m.id());
                failure(w, m.failure());
            }, r -> new Failed(r.integer("id"), failure(r)));

    static Reply read(FieldReader r) {
        return KINDS.read(r);
    }

    static void dispatch(Reply r, Handler h) {
        KINDS.dispatch(r, h);
    }

    static List<String> kinds() {
        return KINDS.names();
    }

    private static void failure(FieldWriter w, Failure f) {
        w.string("code", f.code().wire());
        w.string("message", f.message());
    }

    private static Failure failure(FieldReader r) {
        return new Failure(ErrorCode.fromWire(r.string("code")), r.string("message"));
    }
}
