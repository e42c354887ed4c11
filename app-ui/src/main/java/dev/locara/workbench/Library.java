package dev.locara.workbench;

import dev.locara.conversation.Conversation;
import dev.locara.conversation.ConversationJson;
import dev.locara.conversation.ConversationStore;
import dev.locara.conversation.ImportException;
import dev.locara.conversation.MarkdownExport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The saved conversations: each change goes to the state at once and to IndexedDB behind it; delete
 * keeps the conversation for one undo; import is all or nothing. Without IndexedDB (a private window
 * in some browsers) chats still work, and the status bar says they will not be kept.
 */
final class Library {
    private final AppState state;
    /** Null until IndexedDB is open, and for good where it cannot be. */
    private ConversationStore store;
    /** The last deleted conversation, for undo, and whether it was the open one. */
    private Conversation deleted;
    private boolean deletedWasOpen;

    Library(AppState state) {
        this.state = state;
    }

    /**
     * Storage is open: what it holds joins the list, and chats begun before it opened are saved into it.
     */
    void attach(ConversationStore opened, List<Conversation> stored) {
        List<Conversation> early = new ArrayList<>(state.conversations);
        store = opened;
        state.conversations = new ArrayList<>(stored);
        for (Conversation c : early) {
            state.replace(c);
            store.put(c, () -> { }, this::storageFailed);
        }
        state.conversations.sort((a, b) -> Long.compare(b.updatedAt(), a.updatedAt()));
        state.emit(AppState.Topic.CONVERSATIONS);
    }

    void unavailable(String why) {
        storageFailed("Conversations will not be kept after this page closes: " + why);
    }

    void save(Conversation c) {
        Conversation stamped = c.touched(System.currentTimeMillis());
        state.replace(stamped);
        if (store != null) {
            store.put(stamped, () -> { }, this::storageFailed);
        }
    }

    void rename(String id, String title) {
        Conversation c = state.find(id);
        if (c != null && !title.isBlank() && !title.equals(c.title())) {
            save(c.withTitle(title.trim()));
            state.emit(AppState.Topic.CONVERSATIONS);
            if (id.equals(state.currentId)) {
                state.emit(AppState.Topic.CURRENT);
            }
        }
    }

    /** Deletes at once; {@link #undoDelete} brings it back while no other one was deleted since. */
    void delete(String id) {
        Conversation c = state.find(id);
        if (c == null || (state.run != null && state.run.conversationId.equals(id))) {
            return;
        }
        state.conversations.remove(c);
        deleted = c;
        deletedWasOpen = id.equals(state.currentId);
        if (store != null) {
            store.delete(id, () -> { }, this::storageFailed);
        }
        if (id.equals(state.currentId)) {
            state.currentId = null;
            state.emit(AppState.Topic.CURRENT);
        }
        state.emit(AppState.Topic.CONVERSATIONS);
    }

    String lastDeletedTitle() {
        return deleted == null ? null : deleted.title();
    }

    void undoDelete() {
        if (deleted != null) {
            Conversation c = deleted;
            deleted = null;
            state.replace(c);
            state.conversations.sort((a, b) -> Long.compare(b.updatedAt(), a.updatedAt()));
            if (store != null) {
                store.put(c, () -> { }, this::storageFailed);
            }
            if (deletedWasOpen && state.currentId == null) {
                state.currentId = c.id();
                state.emit(AppState.Topic.CURRENT);
            }
            state.emit(AppState.Topic.CONVERSATIONS);
        }
    }

    void exportAll() {
        Dom.download("locara-conversations.json", "application/json", ConversationJson.export(state.conversations));
    }

    void exportJson(String id) {
        Conversation c = state.find(id);
        if (c != null) {
            Dom.download(fileName(c) + ".json", "application/json", ConversationJson.export(List.of(c)));
        }
    }

    void exportMarkdown(String id) {
        Conversation c = state.find(id);
        if (c != null) {
            Dom.download(fileName(c) + ".md", "text/markdown", MarkdownExport.of(c));
        }
    }

    /**
     * Reads an export and stores all of it in one transaction, or nothing: {@code done} gets the
     * sentence to show either way. A conversation with an id already here replaces the one here.
     */
    void importText(String text, Consumer<String> done) {
        List<Conversation> imported;
        try {
            imported = ConversationJson.parseExport(text);
        } catch (ImportException e) {
            done.accept("Nothing was imported: " + e.getMessage());
            return;
        }
        Runnable apply = () -> {
            for (Conversation c : imported) {
                state.replace(c);
            }
            state.conversations.sort((a, b) -> Long.compare(b.updatedAt(), a.updatedAt()));
            state.emit(AppState.Topic.CONVERSATIONS);
            done.accept("Imported " + imported.size() + (imported.size() == 1 ? " conversation." : " conversations."));
        };
        if (store == null) {
            apply.run();
        } else {
            store.putAll(new ArrayList<>(imported), apply, e -> done.accept("Nothing was imported: " + e));
        }
    }

    private void storageFailed(String message) {
        state.storageProblem = message;
        state.emit(AppState.Topic.ENGINE);
    }

    private static String fileName(Conversation c) {
        String name = c.title().replaceAll("[^A-Za-z0-9 _-]", "").trim().replace(' ', '-');
        return name.isEmpty() ? "conversation" : name.length() > 60 ? name.substring(0, 60) : name;
    }
}
