package dev.locara.conversation;

import dev.locara.json.Json;
import dev.locara.json.JsonWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the JSON tree of one conversation back into records, checking every member: its type, its
 * limits ({@link ConversationJson}'s constants) and that nothing unknown is there. Each problem is
 * a {@link Bad} whose message starts with where it is ("Conversation 3, message 2").
 */
final class ConversationReader {
    /** Times are milliseconds since the epoch; JavaScript numbers hold integers exactly up to 2^53. */
    private static final long MAX_TIME = 1L << 53;

    /** One problem in the file, a sentence for the person. */
    static final class Bad extends RuntimeException {
        Bad(String message) {
            super(message);
        }
    }

    private ConversationReader() {
    }

    static Conversation conversation(Object value, String where) {
        Map<?, ?> m = object(value, where);
        onlyKnown(m, where, "id", "title", "titleEdited", "systemPrompt", "createdAt", "updatedAt", "sampling",
                "messages");
        String id = id(m, where);
        String title = string(m, "title", where, ConversationJson.MAX_NAME_CHARS, false);
        boolean titleEdited = bool(m, "titleEdited", where);
        String systemPrompt = string(m, "systemPrompt", where, ConversationJson.MAX_MESSAGE_CHARS, false);
        long createdAt = time(m, "createdAt", where);
        long updatedAt = time(m, "updatedAt", where);
        Sampling sampling = sampling(m.get("sampling"), where + ", \"sampling\"");
        if (!(m.get("messages") instanceof List<?> list)) {
            throw new Bad(where + " has no \"messages\" list.");
        }
        List<ChatMessage> messages = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = where + ", message " + (i + 1);
            ChatMessage msg = message(list.get(i), at);
            if (!ids.add(msg.id())) {
                throw new Bad(at + " has the id \"" + msg.id() + "\" of an earlier message; each must have its own.");
            }
            messages.add(msg);
        }
        return new Conversation(id, title, titleEdited, systemPrompt, sampling, createdAt, updatedAt, messages);
    }

    private static Sampling sampling(Object value, String where) {
        Map<?, ?> m = object(value, where);
        onlyKnown(m, where, "temperature", "topP", "topK", "minP", "repeatPenalty", "maxTokens", "seed",
                "contextLength");
        Sampling s = new Sampling(number(m, "temperature", where), number(m, "topP", where),
                (int) integer(m, "topK", where, 0, Integer.MAX_VALUE), number(m, "minP", where),
                number(m, "repeatPenalty", where), (int) integer(m, "maxTokens", where, 0, Integer.MAX_VALUE),
                integer(m, "seed", where, -1, Sampling.MAX_SEED),
                (int) integer(m, "contextLength", where, 0, Integer.MAX_VALUE));
        try {
            return s.validate();
        } catch (IllegalArgumentException e) {
            throw new Bad(where + ": " + e.getMessage());
        }
    }

    private static ChatMessage message(Object value, String where) {
        Map<?, ?> m = object(value, where);
        onlyKnown(m, where, "id", "role", "content", "reasoning", "model", "createdAt", "stats");
        String id = id(m, where);
        Object roleName = m.get("role");
        if (roleName == null || roleName == Json.NULL) {
            throw new Bad(where + " has no \"role\" (\"user\" or \"assistant\").");
        }
        Role role = roleName instanceof String s ? Role.fromJson(s) : null;
        if (role == null) {
            throw new Bad(where + " has the unknown role " + shown(roleName) + "; a message's role is \"user\" or"
                    + " \"assistant\" (a system prompt belongs in the conversation's \"systemPrompt\").");
        }
        String content = string(m, "content", where, ConversationJson.MAX_MESSAGE_CHARS, false);
        String reasoning = string(m, "reasoning", where, ConversationJson.MAX_MESSAGE_CHARS, true);
        String model = string(m, "model", where, ConversationJson.MAX_NAME_CHARS, true);
        long createdAt = time(m, "createdAt", where);
        MessageStats stats = null;
        Object st = m.get("stats");
        if (st != null && st != Json.NULL) {
            stats = stats(st, where + ", \"stats\"");
        }
        return new ChatMessage(id, role, content, reasoning, model, createdAt, stats);
    }

    private static MessageStats stats(Object value, String where) {
        Map<?, ?> m = object(value, where);
        onlyKnown(m, where, "promptTokens", "completionTokens", "firstTokenMs", "tokensPerSecond", "finishReason");
        int prompt = (int) integer(m, "promptTokens", where, 0, Integer.MAX_VALUE);
        int completion = (int) integer(m, "completionTokens", where, 0, Integer.MAX_VALUE);
        double first = number(m, "firstTokenMs", where);
        double speed = number(m, "tokensPerSecond", where);
        if (first < 0 || speed < 0) {
            throw new Bad(where + ": \"firstTokenMs\" and \"tokensPerSecond\" must be 0 or more.");
        }
        return new MessageStats(prompt, completion, first, speed, string(m, "finishReason", where, ConversationJson.MAX_NAME_CHARS, true));
    }

    static void onlyKnown(Map<?, ?> m, String where, String... known) {
        for (Object key : m.keySet()) {
            boolean found = false;
            for (String k : known) {
                found |= k.equals(key);
            }
            if (!found) {
                throw new Bad(where + " has the unknown field " + shown(key) + " (known: " + String.join(", ", known)
                        + "); it would be lost, so the file is refused.");
            }
        }
    }

    private static Map<?, ?> object(Object value, String where) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new Bad(where + " is not a JSON object.");
        }
        return m;
    }

    private static String id(Map<?, ?> m, String where) {
        Object v = m.get("id");
        if (!(v instanceof String s) || !Conversation.isSafeId(s)) {
            throw new Bad(where + " has no valid \"id\": it must be 1 to " + Conversation.MAX_ID_CHARS
                    + " letters, digits, '.', '_' or '-', got " + (v instanceof String s ? Conversation.describeId(s)
                    : shown(v)) + ".");
        }
        return s;
    }

    private static String string(Map<?, ?> m, String key, String where, int max, boolean optional) {
        Object v = m.get(key);
        if (optional && (v == null || v == Json.NULL)) {
            return null;
        }
        if (v == null) {
            throw new Bad(where + " has no \"" + key + "\".");
        }
        if (!(v instanceof String s)) {
            throw new Bad(where + ": \"" + key + "\" must be text, got " + shown(v) + ".");
        }
        if (s.length() > max) {
            throw new Bad(where + ": \"" + key + "\" is " + count(s.length()) + " characters long; at most "
                    + count(max) + " are allowed.");
        }
        return s;
    }

    private static boolean bool(Map<?, ?> m, String key, String where) {
        if (!(m.get(key) instanceof Boolean b)) {
            throw new Bad(where + ": \"" + key + "\" must be true or false, got " + shown(m.get(key)) + ".");
        }
        return b;
    }

    static long time(Map<?, ?> m, String key, String where) {
        return integer(m, key, where, 0, MAX_TIME);
    }

    /** An integer member; written as 1e3 or 1000.0 by another tool it is still accepted. */
    private static long integer(Map<?, ?> m, String key, String where, long min, long max) {
        Object v = m.get(key);
        double d = v instanceof Number n ? n.doubleValue() : Double.NaN;
        if (!(d >= min && d <= max) || d != Math.floor(d)) {
            throw new Bad(where + ": \"" + key + "\" must be a whole number from " + min + " to " + max + ", got "
                    + shown(v) + ".");
        }
        return v instanceof Long l ? l : (long) d;
    }

    private static double number(Map<?, ?> m, String key, String where) {
        if (!(m.get(key) instanceof Number n)) {
            throw new Bad(where + ": \"" + key + "\" must be a number, got " + shown(m.get(key)) + ".");
        }
        return n.doubleValue();
    }

    /** A value for a message: JSON text, shortened, since it comes from the file. */
    static String shown(Object v) {
        if (v == null) {
            return "nothing";
        }
        String s = JsonWriter.COMPACT.write(v);
        return s.length() <= 60 ? s : s.substring(0, 57) + "…";
    }

    /** 1234567 as "1,234,567". */
    static String count(long n) {
        String digits = Long.toString(n);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0 && digits.charAt(i - 1) != '-') {
                sb.append(',');
            }
            sb.append(digits.charAt(i));
        }
        return sb.toString();
    }
}
