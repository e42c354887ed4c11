package dev.locara.api;

import dev.locara.protocol.CompletionParams;
import dev.locara.protocol.Failure;
import dev.locara.protocol.Reply;
import dev.locara.protocol.Request;
import org.teavm.jso.JSObject;
import org.teavm.jso.function.JSConsumer;
import org.teavm.jso.typedarrays.Int32Array;

/** locara.completions.create: a text_completion, or a stream of its chunks. */
final class Completions extends GeneratingEndpoint<CompletionParams> {
    Completions(EngineClient client) {
        super(client, "cmpl-", CompletionParams::parse, CompletionParams::model, Request.Generate::new);
    }

    @Override
    LocaraApi.Listener collect(String responseId, double created, CompletionParams p, JSConsumer<JSObject> resolve,
                               JSConsumer<Object> reject) {
        StringBuilder text = new StringBuilder();
        return new LocaraApi.Listener() {
            @Override
            public void onToken(int token, String piece) {
                text.append(piece);
            }

            @Override
            public void onDone(Reply.Done done) {
                resolve.accept(Js.completion(responseId, created, p.model(), text.toString(),
                        Int32Array.copyFromJavaArray(done.tokens()), done.finishReason(), done.promptTokens(),
                        done.promptMs(), done.decodeMs()));
            }

            @Override
            public void onError(Failure failure) {
                reject.accept(EngineClient.error(failure));
            }
        };
    }

    @Override
    LocaraApi.Listener stream(ChunkStream chunks, String responseId, double created, String model) {
        return new LocaraApi.Listener() {
            @Override
            public void onToken(int token, String text) {
                chunks.push(Js.chunk(responseId, created, model, text, token));
            }

            @Override
            public void onDone(Reply.Done done) {
                chunks.end(Js.lastChunk(responseId, created, model, done.finishReason(), done.promptTokens(),
                        done.completionTokens(), done.promptMs(), done.decodeMs()));
            }

            @Override
            public void onError(Failure failure) {
                chunks.fail(EngineClient.error(failure));
            }
        };
    }
}
