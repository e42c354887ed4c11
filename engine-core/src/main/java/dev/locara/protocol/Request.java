package dev.locara.protocol;

import dev.locara.embed.InputType;
import java.util.List;

/**
 * What the page asks the engine worker. Every request has an {@code id}, numbered by the page;
 * the worker's replies to it carry the same id. The worker serves them one at a time, in order,
 * except {@link Stop}, which takes effect as it arrives.
 */
public sealed interface Request extends Message {
    int id();

    /** The worker's side: one method per kind, so a new kind does not compile until it is served. */
    interface Handler {
        void generate(Generate r);

        void chat(Chat r);

        void stop(Stop r);

        void download(Download r);

        void importFile(Import r);

        void add(Add r);

        void listStored(ListStored r);

        void delete(Delete r);

        void verify(Verify r);

        void load(Load r);

        void forget(Forget r);

        void benchmark(Benchmark r);

        void embed(Embed r);
    }

    /**
     * A completion of {@code params.prompt()}.
     *
     * @param url where the server has the model's file, null for a user model, only in browser storage
     */
    record Generate(int id, String url, CompletionParams params) implements Request {
    }

    /** A chat: {@code params.messagesJson()} rendered with the model's template in the worker. */
    record Chat(int id, String url, ChatParams params) implements Request {
    }

    /** Ends request {@code id} early: a generation with finish_reason "abort", a download or import cancelled. */
    record Stop(int id) implements Request {
    }

    /** models.download: the manifest's {@code model} into browser storage. */
    record Download(int id, String model) implements Request {
        public Download {
            required(model, "model");
        }
    }

    /**
     * models.import: {@code file} (the browser's File or Blob, passed as it is: structured clone
     * shares its bytes) into storage; {@code name}, its file name, names a user model.
     */
    record Import(int id, String name, Object file) implements Request {
        public Import {
            required(name, "name");
        }
    }

    /** models.add: the file at {@code url} into storage, named after {@code name}. */
    record Add(int id, String url, String name) implements Request {
        public Add {
            required(url, "url");
            required(name, "name");
        }
    }

    /** models.stored: what browser storage holds. */
    record ListStored(int id) implements Request {
    }

    /** models.delete: a stored model, the manifest's or a user model. */
    record Delete(int id, String model) implements Request {
        public Delete {
            required(model, "model");
        }
    }

    /**
     * models.verify: check every stored model against what was recorded when it was stored (size, then
     * its hash again); what is lost or damaged is removed and reported. {@code verified}: models this
     * page already saw hashed whole, and has not stored anew since: only their size is checked again.
     */
    record Verify(int id, List<String> verified) implements Request {
        public Verify {
            verified = List.copyOf(verified);
        }

        public Verify(int id) {
            this(id, List.of());
        }
    }

    /**
     * models.load: {@code model} onto the GPU with a KV cache of {@code contextLength} tokens (0: the
     * default), served from {@code url} (null: a user model, only in browser storage), reporting
     * {@link Reply.Loading} as it goes.
     */
    record Load(int id, String url, String model, int contextLength) implements Request {
        public Load {
            required(model, "model");
        }
    }

    /** benchmark.run: measure this device with {@code params.model()} (null: the model the engine holds). */
    record Benchmark(int id, String url, BenchmarkParams params) implements Request {
    }

    /** embeddings.create: one vector per input with the encoder {@code params.model()}, served from {@code url} (null: stored). */
    record Embed(int id, String url, EmbeddingParams params) implements Request {
    }

    /**
     * The store check (which runs beside the engine) removed {@code model}'s bytes as lost or damaged:
     * the engine stops serving it from the GPU. Answered with a "result".
     */
    record Forget(int id, String model) implements Request {
        public Forget {
            required(model, "model");
        }
    }

    KindTable<Request, Handler> KINDS = new KindTable<Request, Handler>("request")
            .add("generate", Generate.class, Handler::generate, (m, w) -> {
                id(w, m.id());
                w.string("model", m.params().model());
                w.string("url", m.url());
                w.string("prompt", m.params().prompt());
                CompletionParams p = m.params();
                SamplingFields.write(w, p.maxTokens(), p.sampling(), p.stop(), p.contextLength());
            }, r -> new Generate(r.integer("id"), r.string("url"), new CompletionParams(r.string("model"),
                    r.string("prompt"), r.integer("maxTokens"), SamplingFields.sampling(r), r.strings("stop"),
                    r.integer("contextLength"))))
            .add("chat", Chat.class, Handler::chat, (m, w) -> {
                id(w, m.id());
                w.string("model", m.params().model());
                w.string("url", m.url());
                w.string("messages", m.params().messagesJson());
                ChatParams p = m.params();
                SamplingFields.write(w, p.maxTokens(), p.sampling(), p.stop(), p.contextLength());
            }, r -> new Chat(r.integer("id"), r.string("url"), new ChatParams(r.string("model"), r.string("messages"),
                    r.integer("maxTokens"), SamplingFields.sampling(r), r.strings("stop"), r.integer("contextLength"))))
            .add("stop", Stop.class, Handler::stop, (m, w) -> id(w, m.id()), r -> new Stop(r.integer("id")))
            .add("download", Download.class, Handler::download, (m, w) -> {
                id(w, m.id());
                w.string("model", m.model());
            }, r -> new Download(r.integer("id"), r.string("model")))
            .add("import", Import.class, Handler::importFile, (m, w) -> {
                id(w, m.id());
                w.string("name", m.name());
                w.attachment("file", m.file());
            }, r -> new Import(r.integer("id"), r.string("name"), r.attachment("file")))
            .add("add", Add.class, Handler::add, (m, w) -> {
                id(w, m.id());
                w.string("url", m.url());
                w.string("name", m.name());
            }, r -> new Add(r.integer("id"), r.string("url"), r.string("name")))
            .add("stored", ListStored.class, Handler::listStored, (m, w) -> id(w, m.id()),
                    r -> new ListStored(r.integer("id")))
            .add("delete", Delete.class, Handler::delete, (m, w) -> {
                id(w, m.id());
                w.string("model", m.model());
            }, r -> new Delete(r.integer("id"), r.string("model")))
            .add("verify", Verify.class, Handler::verify, (m, w) -> {
                id(w, m.id());
                w.strings("verified", m.verified());
            }, r -> new Verify(r.integer("id"), r.strings("verified")))
            .add("load", Load.class, Handler::load, (m, w) -> {
                id(w, m.id());
                w.string("model", m.model());
                w.string("url", m.url());
                w.integer("contextLength", m.contextLength());
            }, r -> new Load(r.integer("id"), r.string("url"), r.string("model"), r.integer("contextLength")))
            .add("forget", Forget.class, Handler::forget, (m, w) -> {
                id(w, m.id());
                w.string("model", m.model());
            }, r -> new Forget(r.integer("id"), r.string("model")))
            .add("benchmark", Benchmark.class, Handler::benchmark, (m, w) -> {
                id(w, m.id());
                w.string("model", m.params().model());
                w.string("url", m.url());
                w.integer("promptTokens", m.params().promptTokens());
                w.integer("decodeTokens", m.params().decodeTokens());
            }, r -> new Benchmark(r.integer("id"), r.string("url"),
                    new BenchmarkParams(r.string("model"), r.integer("promptTokens"), r.integer("decodeTokens"))))
            .add("embed", Embed.class, Handler::embed, (m, w) -> {
                id(w, m.id());
                EmbeddingParams p = m.params();
                w.string("model", p.model());
                w.string("url", m.url());
                w.strings("input", p.input());
                w.string("inputType", p.inputType() == null ? null : p.inputType().name().toLowerCase(java.util.Locale.ROOT));
                w.integer("dimensions", p.dimensions());
            }, r -> new Embed(r.integer("id"), r.string("url"), new EmbeddingParams(r.string("model"), r.strings("input"),
                    r.string("inputType") == null ? null : InputType.parse(r.string("inputType")), r.integer("dimensions"))));

    /** The request in {@code r}; an unknown kind or a bad field throws IllegalArgumentException. */
    static Request read(FieldReader r) {
        return KINDS.read(r);
    }

    /** Hands {@code r} to the handler method for its kind. */
    static void dispatch(Request r, Handler h) {
        KINDS.dispatch(r, h);
    }

    /** The names of every request kind. */
    static List<String> kinds() {
        return KINDS.names();
    }

    private static void id(FieldWriter w, int id) {
        w.integer("id", id);
    }

    private static void required(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("The message field '" + field + "' is required.");
        }
    }
}
