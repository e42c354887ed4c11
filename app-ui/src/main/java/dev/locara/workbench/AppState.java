package dev.locara.workbench;

import dev.locara.conversation.Conversation;
import dev.locara.documents.StoredDocument;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import org.teavm.jso.JSBody;

/**
 * The one application state: the engine's condition, the conversations, which one is open, the
 * answer being generated, the model load and the imported documents. Components read it and
 * subscribe to a topic; the named
 * actions write it ({@link ChatActions}, and {@link ModelLoad} for loads) and announce each change
 * with {@link #emit}.
 */
final class AppState {
    enum Topic {
        /** The engine came up, failed, or the model in use changed. */
        ENGINE,
        /** The list of conversations (added, renamed, deleted, imported) or the search text. */
        CONVERSATIONS,
        /** The open conversation changed, or its messages or settings did. */
        CURRENT,
        /** A generation started, streamed a token batch, or ended. */
        RUN,
        /** A model load reported a stage, ended, or failed. */
        LOAD,
        /** Documents were imported, replaced or deleted, or their storage failed. */
        DOCUMENTS
    }

    /**
     * A model load in flight ({@code failure} null) or the last one that failed (the engine's sentence):
     * its stage ("read", "upload", "compile", "ready"), progress 0 to 1, and the engine's text.
     */
    record Load(String model, String stage, double progress, String text, String failure) {
    }

    /** The engine's condition as the status bar shows it: starting, ready or error, with its code. */
    record Engine(String state, String text, String code) {
    }

    /** The answer in flight: which message it fills, and what the status bar shows of its speed. */
    static final class Run {
        final String conversationId;
        final String messageId;
        final double startedMs;
        int requestId = -1;
        double firstTokenMs = -1;
        int tokens;
        int promptTokens = -1;
        final StringBuilder content = new StringBuilder();
        final StringBuilder reasoning = new StringBuilder();

        Run(String conversationId, String messageId, double startedMs) {
            this.conversationId = conversationId;
            this.messageId = messageId;
            this.startedMs = startedMs;
        }

        /** Tokens per second after the first token (the first one's wait is time to first token). */
        double tokensPerSecond(double nowMs) {
            double seconds = (nowMs - firstTokenMs) / 1000;
            return firstTokenMs < 0 || tokens < 2 || seconds <= 0 ? 0 : (tokens - 1) / seconds;
        }
    }

    private final EnumMap<Topic, List<Runnable>> listeners = new EnumMap<>(Topic.class);
    Engine engine = new Engine("starting", "Starting the engine…", null);
    /** Newest first. */
    List<Conversation> conversations = new ArrayList<>();
    /** The open conversation, or null for a new chat not yet saved (it is saved with its first message). */
    String currentId;
    String search = "";
    /** The model new messages go to. */
    String model;
    /** The context (KV positions) the last answer ran in, 0 before the first. */
    int contextLength;
    /** Prompt plus answer tokens of the open conversation's last answer, -1 when unknown. */
    int contextUsed = -1;
    Run run;
    /** The model load in flight or the last one that failed; null when none is. */
    Load load;
    /** The context is full: the engine's sentence, shown with the two ways on; null otherwise. */
    String contextNotice;
    /** The last request's failure in words, or null. */
    String errorNotice;
    /** Storage could not be opened or written: conversations then live only until the page closes. */
    String storageProblem;
    /** The imported documents, newest first ({@link DocumentsView} writes it). */
    List<StoredDocument> documents = new ArrayList<>();
    /** The document storage could not be opened or read, in words; null when it works. */
    String documentsProblem;

    void subscribe(Topic topic, Runnable listener) {
        listeners.computeIfAbsent(topic, t -> new ArrayList<>()).add(listener);
    }

    /** Tells every listener; one that fails is reported and does not keep the others from their part. */
    void emit(Topic topic) {
        for (Runnable r : listeners.getOrDefault(topic, List.of())) {
            try {
                r.run();
            } catch (RuntimeException e) {
                reportError("Locara: a part of the page failed to update (" + topic + "): " + e);
            }
        }
    }

    @JSBody(params = "message", script = "console.error(message);")
    private static native void reportError(String message);

    Conversation current() {
        return find(currentId);
    }

    Conversation find(String id) {
        if (id == null) {
            return null;
        }
        for (Conversation c : conversations) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    /** Puts {@code c} in the list in place of its older version, or first when it is new. */
    void replace(Conversation c) {
        for (int i = 0; i < conversations.size(); i++) {
            if (conversations.get(i).id().equals(c.id())) {
                conversations.set(i, c);
                return;
            }
        }
        conversations.add(0, c);
    }

    boolean generating() {
        return run != null;
    }
}
