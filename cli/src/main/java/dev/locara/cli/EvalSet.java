package dev.locara.cli;

import dev.locara.docs.DocumentText;
import dev.locara.json.Json;
import dev.locara.json.JsonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A retrieval evaluation set as {@code eval-retrieval} reads it: every .txt, .md, .html and .pdf file directly in
 * a directory (but a README, which describes the set), and its {@code questions.jsonl}, one
 * {@code {"question", "document", "answer"}} object a line (blank lines skipped, other fields ignored). Every
 * problem is reported with the file and line it is on.
 */
record EvalSet(Map<String, DocumentText> documents, List<Question> questions) {
    static final String QUESTIONS = "questions.jsonl";

    /** One question; {@code line} is its 1-based line in questions.jsonl. */
    record Question(int line, String question, String document, String answer) {
    }

    private static final Pattern SPACE = Pattern.compile("\\s+");

    static EvalSet load(Path dir, String usage) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new UsageException(dir + " is not a directory; give the directory that holds the documents and "
                    + QUESTIONS + ".", usage);
        }
        Path questionsFile = dir.resolve(QUESTIONS);
        if (!Files.isRegularFile(questionsFile)) {
            throw new UsageException(dir + " has no " + QUESTIONS + "; write one {\"question\", \"document\", \"answer\"} "
                    + "object a line.", usage);
        }
        Map<String, DocumentText> documents = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile).filter(p -> document(p.getFileName().toString()))
                    .sorted().toList();
        }
        for (Path file : files) {
            DocumentText text = DocumentFiles.read(file);
            if (text.blocks().isEmpty()) {
                throw new UsageException(file + " has no text to search (a PDF of scanned images has none).", usage);
            }
            documents.put(file.getFileName().toString(), text);
        }
        if (documents.isEmpty()) {
            throw new UsageException(dir + " holds no .txt, .md, .html or .pdf documents.", usage);
        }
        List<Question> questions = new ArrayList<>();
        List<String> lines = Files.readAllLines(questionsFile, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                questions.add(question(lines.get(i), i + 1, documents, usage));
            }
        }
        if (questions.isEmpty()) {
            throw new UsageException(questionsFile + " holds no questions.", usage);
        }
        return new EvalSet(documents, questions);
    }

    private static boolean document(String name) {
        return DocumentFiles.readable(name) && !name.toLowerCase(Locale.ROOT).startsWith("readme.");
    }

    private static Question question(String line, int number, Map<String, DocumentText> documents, String usage) {
        String where = QUESTIONS + " line " + number + ": ";
        Object value;
        try {
            value = Json.parse(line);
        } catch (JsonException e) {
            throw new UsageException(where + "not valid JSON (" + e.getMessage() + ").", usage);
        }
        if (!(value instanceof Map<?, ?> object)) {
            throw new UsageException(where + "expected a JSON object {\"question\", \"document\", \"answer\"}.", usage);
        }
        String question = field(object, "question", where, usage);
        String document = field(object, "document", where, usage);
        String answer = field(object, "answer", where, usage);
        DocumentText text = documents.get(document);
        if (text == null) {
            throw new UsageException(where + "document \"" + document + "\" is not among the directory's documents "
                    + documents.keySet() + ".", usage);
        }
        if (!normalize(text.text()).contains(normalize(answer))) {
            throw new UsageException(where + "the answer \"" + answer + "\" does not occur in " + document
                    + "'s text, so no passage could count as a hit.", usage);
        }
        return new Question(number, question, document, answer);
    }

    private static String field(Map<?, ?> object, String name, String where, String usage) {
        Object v = object.get(name);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new UsageException(where + "\"" + name + "\" must be a non-empty string.", usage);
        }
        return s;
    }

    /** Whitespace runs to one space, lower case: how a passage is checked for the answer. */
    static String normalize(String s) {
        return SPACE.matcher(s).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }
}
