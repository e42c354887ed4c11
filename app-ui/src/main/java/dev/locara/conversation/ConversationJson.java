package dev.locara.conversation;

import dev.locara.json.Json;
import dev.locara.json.JsonException;
import dev.locara.json.JsonWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Conversations as JSON: the export file people save and import, and the per-conversation record
 * the store keeps. Reading is all or nothing: either every conversation comes back, equal to what
 * was written, or an {@link ImportException} says what is wrong, so an import that fails stores
 * nothing. Text is kept exactly as written; it is untrusted and rendered safely elsewhere.
 *
 * <pre>
 * {"format": "locara-conversations", "version": 1, "exported": ms, "conversations": [
 *   {"id", "title", "titleEdited", "systemPrompt", "createdAt", "updatedAt",
 *    "sampling": {"temperature", "topP", "topK", "minP", "repeatPenalty", "maxTokens", "seed", "contextLength"},
 *    "messages": [{"id", "role": "user"|"assistant", "content", "reasoning"?, "model"?, "createdAt",
 *                  "stats"?: {"promptTokens", "completionTokens", "firstTokenMs", "tokensPerSecond", "finishReason"?}}]}]}
 * </pre>
 * Members marked ? are left out when null; any member not listed here is refused rather than dropped.
 */
public final class ConversationJson {
    public static final String FORMAT = "locara-conversations";
    public static final int VERSION = 1;
    /** An export file this large is refused before it is read (its text before it is parsed). */
    public static final long MAX_FILE_BYTES = 50L * 1024 * 1024;
    public static final int MAX_CONVERSATIONS = 10_000;
    /** A message's content or reasoning, and a system prompt, in UTF-16 characters. */
    public static final int MAX_MESSAGE_CHARS = 1_000_000;
    /** A title, a model name or a finish reason. */
    public static final int MAX_NAME_CHARS = 1_000;

    private static final String CHOOSE = " Choose a file saved by Locara's conversation export.";

    private ConversationJson() {
    }

    /** Every conversation in one file, indented for people; exported now. */
    public static String export(List<Conversation> conversations) {
        return export(conversations, System.currentTimeMillis());
    }

    public static String export(List<Conversation> conversations, long exportedAt) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("version", (long) VERSION);
        root.put("exported", exportedAt);
        List<Object> list = new ArrayList<>();
        for (Conversation c : conversations) {
            list.add(tree(c));
        }
        root.put("conversations", list);
        return JsonWriter.PRETTY.write(root);
    }

    /**
     * Refuses a file over {@link #MAX_FILE_BYTES} before its text is read: what the import calls with
     * the File's size.
     */
    public static void checkFileSize(double bytes) throws ImportException {
        if (bytes > MAX_FILE_BYTES) {
            throw new ImportException("This file is " + megabytes(bytes) + " MB; an import may be at most "
                    + MAX_FILE_BYTES / (1024 * 1024) + " MB. Export fewer conversations at a time and import those.");
        }
    }

    /** Every conversation of an export file, or an ImportException saying what is wrong and what to do. */
    public static List<Conversation> parseExport(String text) throws ImportException {
        if (text == null || text.isBlank()) {
            throw new ImportException("This file is empty, so it is not a Locara conversation export." + CHOOSE);
        }
        checkFileSize(text.length());
        Object root;
        try {
            root = Json.parse(text);
        } catch (JsonException e) {
            throw new ImportException("This file is not a Locara conversation export: it is not valid JSON ("
                    + e.getMessage() + ")." + CHOOSE);
        }
        if (!(root instanceof Map<?, ?> map) || !map.containsKey("format")) {
            throw new ImportException("This file is not a Locara conversation export (no \"format\" field)." + CHOOSE);
        }
        if (!FORMAT.equals(map.get("format"))) {
            throw new ImportException("This file is not a Locara conversation export (its \"format\" is "
                    + ConversationReader.shown(map.get("format")) + ", not \"" + FORMAT + "\")." + CHOOSE);
        }
        Object version = map.get("version");
        if (!(version instanceof Long v) || v < 1) {
            throw new ImportException("This Locara conversation export has no valid \"version\" (this Locara reads"
                    + " version " + VERSION + ")." + CHOOSE);
        }
        if (v != VERSION) {
            throw new ImportException("This export is version " + v + ", written by a newer Locara; this one reads"
                    + " version " + VERSION + ". Update Locara (reload the page), then import the file again.");
        }
        if (!(map.get("conversations") instanceof List<?> list)) {
            throw new ImportException("This Locara conversation export has no \"conversations\" list." + CHOOSE);
        }
        if (list.size() > MAX_CONVERSATIONS) {
            throw new ImportException("This file holds " + ConversationReader.count(list.size())
                    + " conversations; an import may hold at most " + ConversationReader.count(MAX_CONVERSATIONS)
                    + ". Export fewer at a time and import those.");
        }
        try {
            ConversationReader.onlyKnown(map, "The file", "format", "version", "exported", "conversations");
            if (map.containsKey("exported")) {
                ConversationReader.time(map, "exported", "The file");
            }
            List<Conversation> out = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                Conversation c = ConversationReader.conversation(list.get(i), "Conversation " + (i + 1));
                if (!ids.add(c.id())) {
                    throw new ConversationReader.Bad("Conversation " + (i + 1) + " has the id \"" + c.id()
                            + "\" of an earlier one in the file; each must have its own.");
                }
                out.add(c);
            }
            return List.copyOf(out);
        } catch (ConversationReader.Bad e) {
            throw new ImportException("This file cannot be imported: " + e.getMessage() + " Nothing was imported;"
                    + " export the conversations from Locara again, or correct the file.");
        }
    }

    /** One conversation on one line: the store's record. */
    public static String toJson(Conversation c) {
        return JsonWriter.COMPACT.write(tree(c));
    }

    /** A record {@link #toJson} wrote, checked as an import is. */
    public static Conversation fromJson(String json) throws ImportException {
        try {
            return ConversationReader.conversation(Json.parse(json), "The stored conversation");
        } catch (JsonException e) {
            throw new ImportException("A stored conversation is not valid JSON (" + e.getMessage() + ").");
        } catch (ConversationReader.Bad e) {
            throw new ImportException(e.getMessage());
        }
    }

    static Map<String, Object> tree(Conversation c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("title", c.title());
        m.put("titleEdited", c.titleEdited());
        m.put("systemPrompt", c.systemPrompt());
        m.put("createdAt", c.createdAt());
        m.put("updatedAt", c.updatedAt());
        Sampling s = c.sampling();
        Map<String, Object> sm = new LinkedHashMap<>();
        sm.put("temperature", s.temperature());
        sm.put("topP", s.topP());
        sm.put("topK", (long) s.topK());
        sm.put("minP", s.minP());
        sm.put("repeatPenalty", s.repeatPenalty());
        sm.put("maxTokens", (long) s.maxTokens());
        sm.put("seed", s.seed());
        sm.put("contextLength", (long) s.contextLength());
        m.put("sampling", sm);
        List<Object> messages = new ArrayList<>();
        for (ChatMessage msg : c.messages()) {
            messages.add(tree(msg));
        }
        m.put("messages", messages);
        return m;
    }

    private static Map<String, Object> tree(ChatMessage msg) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", msg.id());
        m.put("role", msg.role().json());
        m.put("content", msg.content());
        if (msg.reasoning() != null) {
            m.put("reasoning", msg.reasoning());
        }
        if (msg.model() != null) {
            m.put("model", msg.model());
        }
        m.put("createdAt", msg.createdAt());
        MessageStats st = msg.stats();
        if (st != null) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("promptTokens", (long) st.promptTokens());
            sm.put("completionTokens", (long) st.completionTokens());
            sm.put("firstTokenMs", st.firstTokenMs());
            sm.put("tokensPerSecond", st.tokensPerSecond());
            if (st.finishReason() != null) {
                sm.put("finishReason", st.finishReason());
            }
            m.put("stats", sm);
        }
        return m;
    }

    private static String megabytes(double bytes) {
        return String.valueOf(Math.round(bytes / (1024 * 1024) * 10) / 10.0);
    }
}
