package dev.locara.grounding;

import dev.locara.retrieval.Terms;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The retrieval query for a turn. A follow-up such as "and how long does it take?" names nothing the
 * documents contain; the question it leans on does. When the current question refers back (a pronoun,
 * an opening "and"/"also", or fewer than three content words) the query is its content words followed by
 * those of the previous user turns, most recent first. Deterministic, so the demo model's tests can check it,
 * and explained, so the UI can say why the query differs from what the user typed.
 */
public final class QueryRewrite {
    /** Previous user turns consulted: the topic of a chat drifts, and older turns would pull it back. */
    static final int TURNS_BACK = 2;
    private static final Set<String> REFERRING = Set.of("it", "its", "that", "this", "those", "these", "they", "them",
            "their", "he", "she", "him", "her", "there", "one", "same");
    private static final Set<String> OPENERS = Set.of("and", "also", "but", "so", "then", "what about", "how about");
    /** Question words and fillers that carry no topic (the keyword index keeps "how" and "why", a rewrite need not). */
    private static final Set<String> FILLER = Set.of("how", "what", "why", "when", "where", "who", "which", "do", "does",
            "did", "can", "could", "should", "would", "i", "you", "we", "me", "my", "your", "long", "take", "much", "many",
            "about", "tell", "more", "please", "is", "are", "was", "there");

    /** The query and, when it was widened, the sentence that says why ("" when the question stands alone). */
    public record Rewritten(String query, String explanation) {
        public boolean widened() {
            return !explanation.isEmpty();
        }
    }

    private QueryRewrite() {
    }

    /** {@code history} is the conversation before {@code question}, oldest first. */
    public static Rewritten of(String question, List<Turn> history) {
        String reason = leansOnHistory(question);
        if (reason == null) {
            return new Rewritten(question, "");
        }
        Set<String> own = new LinkedHashSet<>(contentWords(question));
        List<String> added = new ArrayList<>();
        int seen = 0;
        for (int i = history.size() - 1; i >= 0 && seen < TURNS_BACK; i--) {
            Turn t = history.get(i);
            if (!t.role().equals("user")) {
                continue;
            }
            seen++;
            for (String w : contentWords(t.content())) {
                if (!own.contains(w) && !added.contains(w)) {
                    added.add(w);
                }
            }
        }
        if (added.isEmpty()) {
            return new Rewritten(question, "");
        }
        // only content words: the follow-up's "how long does it take" would otherwise outweigh the topic and
        // rank any passage that says "how long" above the one about the earlier question
        List<String> query = new ArrayList<>(own);
        query.addAll(added);
        String words = String.join(" ", added);
        return new Rewritten(String.join(" ", query),
                "The question " + reason + ", so it is searched with the words of the earlier question: " + words + ".");
    }

    /** Why the question needs the earlier turns, or null when it stands alone. */
    static String leansOnHistory(String question) {
        String lower = question.trim().toLowerCase(Locale.ROOT);
        for (String o : OPENERS) {
            if (lower.startsWith(o + " ") || lower.equals(o)) {
                return "opens with \"" + o + "\"";
            }
        }
        for (Terms.Term t : words(question)) {
            if (REFERRING.contains(t.text())) {
                return "refers back with \"" + t.text() + "\"";
            }
        }
        int content = contentWords(question).size();
        if (content < 3) {
            return "has only " + content + " content word" + (content == 1 ? "" : "s");
        }
        return null;
    }

    /** The words of a text that say what it is about, lowercased, in order, each once. */
    static List<String> contentWords(String text) {
        List<String> out = new ArrayList<>();
        for (Terms.Term t : words(text)) {
            String w = t.text();
            if (!Terms.isStopWord(w) && !FILLER.contains(w) && !REFERRING.contains(w) && !out.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /** The text's words lowercased, unstemmed (the keyword index stems the query itself). */
    private static List<Terms.Term> words(String text) {
        List<Terms.Term> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && !Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            int s = i;
            while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '\'')) {
                i++;
            }
            if (i > s) {
                out.add(new Terms.Term(text.substring(s, i).toLowerCase(Locale.ROOT), s, i));
            }
        }
        return out;
    }
}
