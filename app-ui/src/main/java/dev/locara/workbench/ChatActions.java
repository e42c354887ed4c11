package dev.locara.workbench;

import dev.locara.api.LocaraApi;
import dev.locara.conversation.ChatMessage;
import dev.locara.conversation.Conversation;
import dev.locara.conversation.MessageStats;
import dev.locara.conversation.Role;
import dev.locara.conversation.Sampling;
import dev.locara.json.Json;
import dev.locara.json.JsonWriter;
import dev.locara.protocol.ChatParams;
import dev.locara.protocol.ErrorCode;
import dev.locara.protocol.Failure;
import dev.locara.protocol.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named actions that change the application state: send, stop, regenerate, edit and resend,
 * and the conversation's settings. Answers come from the engine through the same client that
 * {@code window.locara} is; each change is saved to IndexedDB as it happens (a streaming answer every
 * {@link #SAVE_EVERY_MS}), so a reload loses at most the tokens of the last moment.
 */
final class ChatActions {
    /** How often a streaming answer is written to storage: often enough that a crash costs little. */
    private static final double SAVE_EVERY_MS = 1000;

    /** What shows an answer as it streams (the message list). */
    interface StreamTarget {
        void started(AppState.Run run);

        void delta(String content, String reasoning);

        void finished();
    }

    private final AppState state;
    private final LocaraApi api;
    private final Models models;
    final Library library;
    private StreamTarget stream;
    private ModelLoad load;
    private double lastSaveMs;

    ChatActions(AppState state, LocaraApi api, Models models) {
        this.state = state;
        this.api = api;
        this.models = models;
        this.library = new Library(state);
    }

    void streamTo(StreamTarget target) {
        this.stream = target;
    }

    /** Where a request that loads its model first shows the load. */
    void loadsTo(ModelLoad target) {
        this.load = target;
    }

    // 1. Choosing what is open

    void newChat() {
        state.currentId = null;
        openChanged();
    }

    void select(String id) {
        state.currentId = id;
        openChanged();
    }

    private void openChanged() {
        state.contextNotice = null;
        state.errorNotice = null;
        state.contextUsed = -1;
        Conversation c = state.current();
        if (c != null) {
            for (ChatMessage m : c.messages()) {
                if (m.stats() != null) {
                    state.contextUsed = m.stats().promptTokens() + m.stats().completionTokens();
                }
            }
        }
        state.emit(AppState.Topic.CURRENT);
        state.emit(AppState.Topic.RUN);
    }

    // 2. Asking

    /** Sends {@code text} as the next user message of the open conversation (a new one when none is open). */
    void send(String text) {
        if (text.trim().isEmpty() || state.generating()) {
            return;
        }
        Conversation c = state.current();
        long now = System.currentTimeMillis();
        if (c == null) {
            c = new Conversation(Dom.newId(), Conversation.titleFrom(text), false, "", models.defaults(state.model), now, now,
                    List.of());
            state.currentId = c.id();
        }
        List<ChatMessage> messages = new ArrayList<>(c.messages());
        try {
            messages.add(ChatMessage.user(Dom.newId(), text, now));
        } catch (IllegalArgumentException e) { // longer than a message may be (it could not be exported and read back)
            state.errorNotice = e.getMessage();
            state.emit(AppState.Topic.CURRENT);
            return;
        }
        ask(c.withMessages(messages));
    }

    /** Asks again for the last answer: it is dropped and generated anew from the same history. */
    void regenerate() {
        Conversation c = state.current();
        if (c == null || state.generating()) {
            return;
        }
        List<ChatMessage> messages = new ArrayList<>(c.messages());
        while (!messages.isEmpty() && messages.get(messages.size() - 1).role() == Role.ASSISTANT) {
            messages.remove(messages.size() - 1);
        }
        if (!messages.isEmpty()) {
            ask(c.withMessages(messages));
        }
    }

    /** Replaces a user message's text, drops everything after it, and asks from there. */
    void editAndResend(String messageId, String text) {
        Conversation c = state.current();
        if (c == null || state.generating() || text.trim().isEmpty()) {
            return;
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (ChatMessage m : c.messages()) {
            if (m.id().equals(messageId)) {
                messages.add(m.withContent(text));
                ask(c.withMessages(messages));
                return;
            }
            messages.add(m);
        }
    }

    /** The context-full choice that keeps this chat: the oldest question and its answer go, then ask again. */
    void dropOldestTurns() {
        Conversation c = state.current();
        if (c == null || state.generating()) {
            return;
        }
        List<ChatMessage> messages = new ArrayList<>(c.messages());
        int lastUser = messages.size() - 1;
        while (lastUser > 0 && messages.get(lastUser).role() != Role.USER) {
            lastUser--;
        }
        if (lastUser <= 0) {
            return; // the question alone does not fit: only a new chat with a shorter one, or a longer context, helps
        }
        int cut = 1;
        while (cut < lastUser && messages.get(cut).role() != Role.USER) {
            cut++;
        }
        ask(c.withMessages(messages.subList(cut, messages.size())));
    }

    /** The other context-full choice: the last question in a new chat that keeps this chat's settings. */
    void continueInNewChat() {
        Conversation c = state.current();
        if (c == null || state.generating()) {
            return;
        }
        ChatMessage question = null;
        for (ChatMessage m : c.messages()) {
            if (m.role() == Role.USER) {
                question = m;
            }
        }
        long now = System.currentTimeMillis();
        String text = question == null ? "" : question.content();
        Conversation fresh = new Conversation(Dom.newId(), Conversation.titleFrom(text), false, c.systemPrompt(),
                c.sampling(), now, now, question == null ? List.of() : List.of(question));
        state.currentId = fresh.id();
        if (question == null) {
            library.save(fresh);
            openChanged();
        } else {
            ask(fresh);
        }
    }

    void stop() {
        if (state.run != null && state.run.requestId >= 0) {
            api.stop(state.run.requestId);
        }
    }

    /** Saves {@code c}, adds an empty answer to fill, and sends the history to the engine. */
    private void ask(Conversation c) {
        ChatParams params;
        try {
            params = api.chatParams(requestJson(c));
        } catch (IllegalArgumentException e) {
            state.errorNotice = e.getMessage();
            library.save(c);
            state.emit(AppState.Topic.CURRENT);
            return;
        }
        long now = System.currentTimeMillis();
        ChatMessage answer = new ChatMessage(Dom.newId(), Role.ASSISTANT, "", null, state.model, now, null);
        List<ChatMessage> messages = new ArrayList<>(c.messages());
        messages.add(answer);
        Conversation asked = c.withMessages(messages).withAutoTitle(); // the first question, until renamed
        library.save(asked);
        state.contextNotice = null;
        state.errorNotice = null;
        String model = state.model;
        AppState.Run run = new AppState.Run(asked.id(), answer.id(), Dom.now());
        state.run = run;
        lastSaveMs = run.startedMs;
        state.emit(AppState.Topic.CONVERSATIONS);
        state.emit(AppState.Topic.CURRENT);
        if (stream != null) {
            stream.started(run);
        }
        state.emit(AppState.Topic.RUN);
        run.requestId = api.submitChat(params, new LocaraApi.Listener() {
            @Override
            public void onToken(int token, String text) {
                onChatToken(token, text, "");
            }

            @Override
            public void onLoading(Reply.Loading loading) {
                if (load != null) {
                    load.chatLoading(loading, model);
                }
            }

            @Override
            public void onChatToken(int token, String content, String reasoning) {
                double t = Dom.now();
                if (run.firstTokenMs < 0) {
                    run.firstTokenMs = t;
                    loadEnded(model, null);
                }
                if (token >= 0) {
                    run.tokens++;
                }
                run.content.append(content);
                run.reasoning.append(reasoning);
                if (stream != null && state.run == run) {
                    stream.delta(content, reasoning);
                }
                if (t - lastSaveMs >= SAVE_EVERY_MS) {
                    lastSaveMs = t;
                    fill(run, null);
                }
                state.emit(AppState.Topic.RUN);
            }

            @Override
            public void onDone(Reply.Done done) {
                double tps = done.decodeMs() > 0 ? (done.completionTokens() - 1) * 1000.0 / done.decodeMs() : 0;
                MessageStats stats = new MessageStats(done.promptTokens(), done.completionTokens(),
                        run.firstTokenMs < 0 ? -1 : run.firstTokenMs - run.startedMs, tps, done.finishReason());
                loadEnded(model, null);
                state.contextLength = done.contextLength();
                if (run.conversationId.equals(state.currentId)) {
                    state.contextUsed = done.promptTokens() + done.completionTokens();
                }
                end(run, stats, null);
            }

            @Override
            public void onError(Failure failure) {
                loadEnded(model, failure.message());
                end(run, null, failure);
            }
        });
    }

    private void loadEnded(String model, String failure) {
        if (load != null) {
            load.chatEnded(model, failure);
        }
    }

    private void end(AppState.Run run, MessageStats stats, Failure failure) {
        if (state.run != run) {
            return;
        }
        state.run = null;
        if (failure != null && run.content.length() == 0) {
            dropAnswer(run);
            if (failure.code() == ErrorCode.CONTEXT_LENGTH_EXCEEDED) {
                state.contextNotice = failure.message();
            } else {
                state.errorNotice = failure.message();
            }
        } else if (failure != null) {
            // What was written stays, marked with why it ends there (its finish reason is the failure's code).
            double now = Dom.now();
            fill(run, new MessageStats(Math.max(0, run.promptTokens), run.tokens,
                    Math.max(0, run.firstTokenMs - run.startedMs), run.tokensPerSecond(now),
                    failure.code().wire()));
            state.errorNotice = failure.message();
        } else {
            fill(run, stats);
        }
        if (stream != null) {
            stream.finished();
        }
        state.emit(AppState.Topic.CURRENT);
        state.emit(AppState.Topic.RUN);
    }

    /** Writes the streamed text (and, at the end, its figures) into the answer and saves it. */
    private void fill(AppState.Run run, MessageStats stats) {
        Conversation c = state.find(run.conversationId);
        if (c == null) {
            return; // deleted while it streamed
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (ChatMessage m : c.messages()) {
            messages.add(!m.id().equals(run.messageId) ? m : new ChatMessage(m.id(), m.role(), run.content.toString(),
                    run.reasoning.length() == 0 ? null : run.reasoning.toString(), m.model(), m.createdAt(), stats));
        }
        library.save(c.withMessages(messages));
    }

    private void dropAnswer(AppState.Run run) {
        Conversation c = state.find(run.conversationId);
        if (c != null) {
            List<ChatMessage> messages = new ArrayList<>(c.messages());
            messages.removeIf(m -> m.id().equals(run.messageId));
            library.save(c.withMessages(messages));
        }
    }

    /** The chat.completions request for the history of {@code c}: the public API's own shape. */
    private String requestJson(Conversation c) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("model", state.model);
        List<Object> messages = new ArrayList<>();
        if (!c.systemPrompt().isBlank()) {
            messages.add(message("system", c.systemPrompt()));
        }
        for (ChatMessage m : c.messages()) {
            messages.add(message(m.role() == Role.USER ? "user" : "assistant", m.content()));
        }
        request.put("messages", messages);
        Object fields = Json.parse(c.sampling().requestFieldsJson());
        if (fields instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                request.put((String) e.getKey(), e.getValue());
            }
        }
        return JsonWriter.COMPACT.write(request);
    }

    private static Map<String, Object> message(String role, String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    // 3. The open conversation's settings

    void setSystemPrompt(String text) {
        Conversation c = editable();
        if (!c.systemPrompt().equals(text)) {
            library.save(c.withSystemPrompt(text));
        }
    }

    /** Back to the open conversation's model's defaults (its makers' suggestion, where the manifest has one). */
    void resetSampling() {
        setSampling(models.defaults(state.model));
    }

    Sampling defaultSampling() {
        return models.defaults(state.model);
    }

    void setSampling(Sampling sampling) {
        Conversation c = editable();
        if (!c.sampling().equals(sampling)) {
            library.save(c.withSampling(sampling));
        }
    }

    /** The open conversation; settings changed before the first message create it, so they are kept. */
    private Conversation editable() {
        Conversation c = state.current();
        if (c != null) {
            return c;
        }
        long now = System.currentTimeMillis();
        c = new Conversation(Dom.newId(), Conversation.titleFrom(""), false, "", models.defaults(state.model), now, now, List.of());
        state.currentId = c.id();
        library.save(c);
        state.emit(AppState.Topic.CONVERSATIONS);
        return c;
    }
}
