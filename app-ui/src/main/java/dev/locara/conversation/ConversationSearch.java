package dev.locara.conversation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The conversation list's search: every word of the query must occur, in any case, in the title or
 * in the text of some message. Case is folded one code point at a time (upper then lower case, so
 * that "ς", "σ" and "Σ" all match), which keeps every position of the folded text that of the
 * original: the snippet can then cut the original text where the folded one matched.
 */
public final class ConversationSearch {
    /** About this many characters of context on each side of a match in a snippet. */
    public static final int SNIPPET_CONTEXT = 40;

    private ConversationSearch() {
    }

    /** The conversations that match, newest (updatedAt) first; an empty query matches all. */
    public static List<Conversation> filter(List<Conversation> conversations, String query) {
        List<String> words = words(query);
        List<Conversation> out = new ArrayList<>();
        for (Conversation c : conversations) {
            if (matches(c, words)) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparingLong(Conversation::updatedAt).reversed());
        return out;
    }

    /**
     * A line of message text around the first match of the query's first word that a message holds
     * (when only the title matches, or the query is empty, the start of the first message), with
     * white space runs as one space and "…" where it was cut; "" for a conversation without messages.
     */
    public static String snippet(Conversation c, String query) {
        if (c.messages().isEmpty()) {
            return "";
        }
        for (String w : words(query)) {
            for (ChatMessage m : c.messages()) {
                int at = fold(m.content()).indexOf(w);
                if (at >= 0) {
                    return excerpt(m.content(), at, at + w.length());
                }
            }
        }
        return excerpt(c.messages().get(0).content(), 0, 0);
    }

    private static boolean matches(Conversation c, List<String> words) {
        if (words.isEmpty()) {
            return true;
        }
        List<String> texts = new ArrayList<>();
        texts.add(fold(c.title()));
        for (ChatMessage m : c.messages()) {
            texts.add(fold(m.content()));
        }
        for (String w : words) {
            boolean found = false;
            for (int i = 0; i < texts.size() && !found; i++) {
                found = texts.get(i).contains(w);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** The query's words, folded; split at white space without java.util.regex (heavy under TeaVM). */
    static List<String> words(String query) {
        List<String> words = new ArrayList<>();
        if (query == null) {
            return words;
        }
        int start = -1;
        for (int i = 0; i <= query.length(); i++) {
            boolean space = i == query.length() || Character.isWhitespace(query.charAt(i))
                    || Character.isSpaceChar(query.charAt(i));
            if (space && start >= 0) {
                words.add(fold(query.substring(start, i)));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return words;
    }

    /** Case folded code point by code point, the same length as {@code s}. */
    static String fold(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int folded = Character.toLowerCase(Character.toUpperCase(cp));
            sb.appendCodePoint(Character.charCount(folded) == Character.charCount(cp) ? folded : cp);
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    private static String excerpt(String text, int from, int to) {
        int start = Math.max(0, from - SNIPPET_CONTEXT);
        int end = Math.min(text.length(), to + SNIPPET_CONTEXT + (from == to ? SNIPPET_CONTEXT : 0));
        // Cut between words where the window has a space, and never inside a surrogate pair.
        for (int i = start; start > 0 && i < from; i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                start = i + 1;
                break;
            }
        }
        for (int i = end; end < text.length() && i > to; i--) {
            if (Character.isWhitespace(text.charAt(i - 1))) {
                end = i - 1;
                break;
            }
        }
        if (start > 0 && Character.isLowSurrogate(text.charAt(start))) {
            start--;
        }
        if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
            end++;
        }
        String s = Conversation.collapseSpace(text.substring(start, end));
        return (start > 0 ? "…" : "") + s + (end < text.length() ? "…" : "");
    }
}
