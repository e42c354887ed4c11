package dev.locara.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.embed.InputType;
import dev.locara.sample.SamplingParams;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessagesTest {
    private static final SamplingParams SAMPLING = new SamplingParams(0.8f, 42, 40, 0.9f, 0.05f, 1.1f, 64, 0.5f, -0.25f,
            new int[] {5, 7}, new float[] {-100f, 2.5f});

    /** One of every kind, with fields that are not defaults, so a field lost on the way shows. */
    static List<Message> samples() {
        return List.of(
                new Request.Generate(1, "models/stories260K.gguf", new CompletionParams("stories260k", "Once upon a time",
                        64, SAMPLING, List.of("Lily.", "\"quoted\"\n"), 512)),
                new Request.Generate(2, null, new CompletionParams("my-model", "", 0, 0, 0)),
                new Request.Chat(3, null, new ChatParams("my-model", "[{\"role\":\"user\",\"content\":\"Hi\"}]", 256,
                        SAMPLING, List.of(), 0)),
                new Request.Stop(4),
                new Request.Download(5, "stories260k"),
                new Request.Import(6, "My Model (Q4).gguf", null),
                new Request.Add(7, "https://huggingface.co/x/y.gguf", "y.gguf"),
                new Request.ListStored(8),
                new Request.Delete(9, "my-model-q4"),
                new Request.Verify(12),
                new Request.Verify(14, List.of("stories260k", "my-model-q4")),
                new Request.Load(15, "models/stories260K.gguf", "stories260k", 512),
                new Request.Load(16, null, "my-model-q4", 0),
                new Request.Forget(17, "stories260k"),
                new Request.Benchmark(10, "models/stories260K.gguf", new BenchmarkParams("stories260k", 32, 16)),
                new Request.Benchmark(11, null, new BenchmarkParams(null, 128, 64)),
                new Request.Embed(12, "models/all-minilm-l6-v2.gguf", new EmbeddingParams("all-minilm-l6-v2",
                        List.of("ünïcode 🦙", "two\n"), InputType.QUERY, 0)),
                new Request.Embed(13, null, new EmbeddingParams("nomic", List.of("x"), null, 256)),
                new Reply.Ready("google", "swiftshader", "", true),
                new Reply.Fatal(new Failure(ErrorCode.WEBGPU_UNAVAILABLE, "No adapter.")),
                new Reply.Token(1, 403, " upon ünïcode 🦙"),
                new Reply.ChatToken(3, -1, "answer", "thinking"),
                new Reply.Done(1, "length", 5, new int[] {403, 407, 0}, 12.5, 30.25, 512),
                new Reply.Progress(5, 1024, 4096, 2e6, -1),
                new Reply.Stage(10, "limits", 2, 4, "Measuring this device's limits (read probe)…"),
                new Reply.Loading(15, "upload", 0.5, 524288, 1048576, 12.5, "Uploading weights to the GPU: 0.5 of 1.0 MB"),
                new Reply.Result(8, "{\"object\":\"list\",\"data\":[],\"total_bytes\":0}"),
                new Reply.Failed(1, new Failure(ErrorCode.MODEL_NOT_FOUND, "Unknown model 'x'.")),
                new Reply.Failed(-1, new Failure(ErrorCode.INVALID_REQUEST, "Unknown request kind 'x'.")));
    }

    private static MapFields encode(Message m) {
        MapFields fields = new MapFields();
        Message.write(m, fields);
        return fields;
    }

    private static Message decode(FieldReader r) {
        return "request".equals(direction(r)) ? Request.read(r) : Reply.read(r);
    }

    private static String direction(FieldReader r) {
        return Request.kinds().contains(r.string(Message.KIND)) ? "request" : "reply";
    }

    @Test
    void noTwoKindsShareAName() {
        List<String> all = new ArrayList<>(Request.kinds());
        all.addAll(Reply.kinds());
        assertEquals(all.size(), new HashSet<>(all).size(), all.toString());
    }

    @Test
    void everyRecordOfEitherDirectionHasAnEntryInItsTable() {
        assertEquals(Set.of(Request.class.getPermittedSubclasses()), Set.copyOf(Request.KINDS.types()));
        assertEquals(Set.of(Reply.class.getPermittedSubclasses()), Set.copyOf(Reply.KINDS.types()));
    }

    @Test
    void eachKindReachesItsOwnHandlerMethod() {
        List<String> served = new ArrayList<>();
        Request.Handler worker = (Request.Handler) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Request.Handler.class}, (proxy, method, args) -> served.add(method.getName() + ":"
                        + ((Request) args[0]).id()));
        Reply.Handler page = (Reply.Handler) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Reply.Handler.class}, (proxy, method, args) -> served.add(method.getName()));
        for (Message m : samples()) {
            if (m instanceof Request r) {
                Request.dispatch(r, worker);
            } else {
                Reply.dispatch((Reply) m, page);
            }
        }
        assertEquals(List.of("generate:1", "generate:2", "chat:3", "stop:4", "download:5", "importFile:6", "add:7",
                "listStored:8", "delete:9", "verify:12", "verify:14", "load:15", "load:16", "forget:17", "benchmark:10", "benchmark:11", "embed:12", "embed:13", "ready", "fatal", "token", "chatToken", "done",
                "progress", "stage", "loading", "result", "failed", "failed"), served);
    }

    @Test
    void everyKindIsSampledAndRoundTripsThroughFieldsAndJson() {
        Set<String> sampled = new HashSet<>();
        for (Message m : samples()) {
            sampled.add(Message.kindOf(m));
            MapFields fields = encode(m);
            assertEquals(m, decode(fields), Message.kindOf(m));
            Message fromJson = decode(MapFields.fromJson(fields.toJson()));
            assertEquals(m, fromJson, "through " + fields.toJson());
            assertEquals(fields.toJson(), encode(fromJson).toJson());
        }
        Set<String> all = new HashSet<>(Request.kinds());
        all.addAll(Reply.kinds());
        assertEquals(all, sampled);
    }

    @Test
    void theHotTokenMessageIsItsFourFieldsAndNoMore() {
        assertEquals("{\"kind\":\"token\",\"id\":1,\"token\":403,\"text\":\" upon\"}",
                encode(new Reply.Token(1, 403, " upon")).toJson());
    }

    @Test
    void anImportsFileTravelsAsItIs() {
        Object file = new Object();
        Request.Import r = (Request.Import) Request.read(encode(new Request.Import(6, "m.gguf", file)));
        assertTrue(r.file() == file);
    }

    @Test
    void anUnknownKindIsRefusedNamingTheKnownOnes() {
        MapFields fields = MapFields.fromJson("{\"kind\":\"summarize\",\"id\":12}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Request.read(fields));
        assertTrue(e.getMessage().contains("'summarize'") && e.getMessage().contains("generate, chat"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Reply.read(MapFields.fromJson("{\"id\":1}")));
    }

    @Test
    void theWorkerChecksWhatItReceives() {
        // Sampling settings are validated again on arrival: the worker trusts no message.
        MapFields fields = encode(samples().get(0));
        fields.number("topP", 1.5);
        assertThrows(IllegalArgumentException.class, () -> Request.read(fields));
        MapFields noId = MapFields.fromJson("{\"kind\":\"stored\",\"id\":\"x\"}");
        assertThrows(IllegalArgumentException.class, () -> Request.read(noId));
        assertThrows(IllegalArgumentException.class, () -> Reply.read(MapFields.fromJson(
                "{\"kind\":\"error\",\"id\":1,\"code\":\"no_such_code\",\"message\":\"x\"}")));
    }

    @Test
    void theInboxQueuesWorkMarksStopsAndAnswersWhatItCannotRead() {
        List<Reply> answers = new ArrayList<>();
        RequestInbox inbox = new RequestInbox(answers::add);
        assertTrue(inbox.receive(encode(new Request.ListStored(1))));
        assertFalse(inbox.receive(MapFields.fromJson("{\"kind\":\"summarize\",\"id\":2}")));
        assertFalse(inbox.receive(encode(new Request.Stop(3))));
        assertTrue(inbox.receive(encode(new Request.Delete(3, "m"))));
        assertFalse(inbox.receive(MapFields.fromJson("{\"kind\":\"delete\",\"id\":4}")));
        assertFalse(inbox.receive(MapFields.fromJson("{\"nothing\":true}")));

        assertEquals(new Request.ListStored(1), inbox.poll());
        assertEquals(new Request.Delete(3, "m"), inbox.poll());
        assertTrue(inbox.isEmpty());
        assertTrue(inbox.isStopped(3));
        inbox.forget(3);
        assertFalse(inbox.isStopped(3));

        assertEquals(3, answers.size(), answers.toString());
        Reply.Failed unknown = (Reply.Failed) answers.get(0);
        assertEquals(2, unknown.id());
        assertEquals(ErrorCode.INVALID_REQUEST, unknown.failure().code());
        assertTrue(unknown.failure().message().contains("Unknown request kind 'summarize'"), unknown.toString());
        Reply.Failed missing = (Reply.Failed) answers.get(1);
        assertEquals(4, missing.id());
        assertTrue(missing.failure().message().contains("'model'"), missing.toString());
        assertEquals(-1, ((Reply.Failed) answers.get(2)).id());
    }

    @Test
    void oneMappingFromExceptionsToCodes() {
        assertEquals(ErrorCode.MODEL_NOT_LOADED,
                Failure.of(new RequestException(ErrorCode.MODEL_NOT_LOADED, "none")).code());
        assertEquals(ErrorCode.INVALID_MODEL, Failure.of(new dev.locara.gguf.GgufException(
                dev.locara.gguf.GgufException.Kind.BAD_MAGIC, "not a GGUF")).code());
        assertEquals(ErrorCode.INVALID_REQUEST, Failure.of(new dev.locara.json.JsonException("bad")).code());
        assertEquals(ErrorCode.INVALID_REQUEST, Failure.of(new IllegalArgumentException("bad")).code());
        assertEquals(ErrorCode.GPU_ERROR, Failure.of(new IllegalStateException("The GPU reported an error")).code());
        Failure bug = Failure.of(new NullPointerException("x"));
        assertEquals(ErrorCode.INTERNAL_ERROR, bug.code());
        assertTrue(bug.message().contains("Please report this"), bug.message());
        for (ErrorCode c : ErrorCode.values()) {
            assertEquals(c, ErrorCode.fromWire(c.wire()));
        }
    }
}
