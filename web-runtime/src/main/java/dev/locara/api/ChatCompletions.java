package dev.locara.api;

import dev.locara.protocol.ChatParams;
import dev.locara.protocol.Failure;
import dev.locara.protocol.Reply;
import dev.locara.protocol.Request;
import org.teavm.jso.JSObject;
import org.teavm.jso.function.JSConsumer;

/** locara.chat.completions.create: a chat.completion, or a stream of chat.completion.chunk objects. */
final class ChatCompletions extends GeneratingEndpoint<ChatParams> {
    ChatCompletions(EngineClient client) {
        super(client, "chatcmpl-", ChatParams::parse, ChatParams::model, Request.Chat::new);
    }

    @Override
    LocaraApi.Listener collect(String responseId, double created, ChatParams p, JSConsumer<JSObject> resolve,
                               JSConsumer<Object> reject) {
        StringBuilder content = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        return new LocaraApi.Listener() {
            @Override
            public void onToken(int token, String piece) {
                content.append(piece);
            }

            @Override
            public void onChatToken(int token, String contentPiece, String reasoningPiece) {
                content.append(contentPiece);
                reasoning.append(reasoningPiece);
            }

            @Override
            public void onDone(Reply.Done done) {
                resolve.accept(Js.chatCompletion(responseId, created, p.model(), content.toString(),
                        reasoning.length() == 0 ? null : reasoning.toString(), done.finishReason(), done.promptTokens(),
                        done.completionTokens()));
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
            private boolean sentRole;

            @Override
            public void onToken(int token, String text) {
                onChatToken(token, text, "");
            }

            @Override
            public void onChatToken(int token, String content, String reasoning) {
                if (chunks.finished()) {
                    return;
                }
                if (!sentRole) { // OpenAI's first chunk names the role
                    sentRole = true;
                    chunks.push(Js.chatChunk(responseId, created, model, "assistant", "", null, null, -1, -1));
                }
                if (!content.isEmpty() || !reasoning.isEmpty()) {
                    chunks.push(Js.chatChunk(responseId, created, model, null, content.isEmpty() ? null : content,
                            reasoning.isEmpty() ? null : reasoning, null, -1, -1));
                }
            }

            @Override
            public void onDone(Reply.Done done) {
                chunks.end(Js.chatChunk(responseId, created, model, null, null, null, done.finishReason(),
                        done.promptTokens(), done.completionTokens()));
            }

            @Override
            public void onError(Failure failure) {
                chunks.fail(EngineClient.error(failure));
            }
        };
    }
}
