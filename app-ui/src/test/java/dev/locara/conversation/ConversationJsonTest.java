package dev.locara.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConversationJsonTest {
    /** Written by hand from the format in ConversationJson's documentation, not by its writer. */
    private static final String HAND_WRITTEN = """
            {"format": "locara-conversations", "version": 1, "exported": 1700000000000, "conversations": [
              {"id": "a1", "title": "Capital of France", "titleEdited": false, "systemPrompt": "",
               "createdAt": 10, "updatedAt": 20,
               "sampling": {"temperature": 0.8, "topP": 0.95, "topK": 40, "minP": 0.05, "repeatPenalty": 1.1,
                            "maxTokens": 512, "seed": -1, "contextLength": 0},
               "messages": [
                 {"id": "u", "role": "user", "content": "Capital of France?\\n\\ud83e\\udd99", "createdAt": 11},
                 {"id": "v", "role": "assistant", "content": "<script>alert(1)</script>Paris", "reasoning": null,
                  "model": "demo", "createdAt": 12,
                  "stats": {"promptTokens": 9, "completionTokens": 3, "firstTokenMs": 1e2, "tokensPerSecond": 12.5}}]}]}
            """;

    @Test
    void exportReadsBackEqual() throws ImportException {
        List<Conversation> all = List.of(Fixtures.full(), Fixtures.small("c-2", "Second", 9, "q", "a"),
                Conversation.start("c-3", "", Sampling.defaults(), 3));
        String text = ConversationJson.export(all, 42);
        assertEquals(all, ConversationJson.parseExport(text));
        assertEquals(List.of(), ConversationJson.parseExport(ConversationJson.export(List.of(), 1)));
    }

    @Test
    void storeRecordReadsBackEqual() throws ImportException {
        Conversation c = Fixtures.full();
        String json = ConversationJson.toJson(c);
        assertFalse(json.contains("\n"), "one line: the newline in the system prompt is escaped");
        assertEquals(c, ConversationJson.fromJson(json));
    }

    @Test
    void exportHasTheDocumentedShape() {
        String text = ConversationJson.export(List.of(Fixtures.full()), 1234);
        assertTrue(text.startsWith("{\n  \"format\": \"locara-conversations\",\n  \"version\": 1,\n  \"exported\": 1234,"), text.substring(0, 80));
        Map<?, ?> root = (Map<?, ?>) Json.parse(text);
        Map<?, ?> c = (Map<?, ?>) ((List<?>) root.get("conversations")).get(0);
        assertEquals(List.of("id", "title", "titleEdited", "systemPrompt", "createdAt", "updatedAt", "sampling", "messages"),
                List.copyOf(c.keySet()));
        List<?> messages = (List<?>) c.get("messages");
        Map<?, ?> user = (Map<?, ?>) messages.get(0);
        assertEquals(List.of("id", "role", "content", "createdAt"), List.copyOf(user.keySet()), "nulls are left out");
        Map<?, ?> answer = (Map<?, ?>) messages.get(1);
        assertEquals("assistant", answer.get("role"));
        assertEquals(Map.of("promptTokens", 31L, "completionTokens", 12L, "firstTokenMs", 412.5, "tokensPerSecond", 23.75,
                "finishReason", "stop"), answer.get("stats"));
        assertEquals(12345L, ((Map<?, ?>) c.get("sampling")).get("seed"));
    }

    @Test
    void readsAHandWrittenFile() throws ImportException {
        List<Conversation> read = ConversationJson.parseExport(HAND_WRITTEN);
        Conversation expected = new Conversation("a1", "Capital of France", false, "", Sampling.defaults(), 10, 20, List.of(
                ChatMessage.user("u", "Capital of France?\n🦙", 11),
                new ChatMessage("v", Role.ASSISTANT, "<script>alert(1)</script>Paris", null, "demo", 12,
                        new MessageStats(9, 3, 100, 12.5, null))));
        assertEquals(List.of(expected), read);
    }

    @Test
    void textIsKeptExactly() throws ImportException {
        String hostile = "<img src=x onerror=\"window.__pwned=1\"><svg onload=alert(1)>javascript:alert(1)"
                + "\"'`\\ \r\n\t\u00a0\ufeff\u202e";
        Conversation c = Fixtures.small("x", hostile, 1, hostile, hostile);
        Conversation back = ConversationJson.parseExport(ConversationJson.export(List.of(c), 0)).get(0);
        assertEquals(hostile, back.title());
        assertEquals(hostile, back.messages().get(1).content());
    }

    private static String refusal(String text) {
        return assertThrows(ImportException.class, () -> ConversationJson.parseExport(text)).getMessage();
    }

    private static String withMessage(String messageJson) {
        return HAND_WRITTEN.replace("{\"id\": \"u\", \"role\": \"user\", \"content\": \"Capital of France?\\n\\ud83e\\udd99\","
                + " \"createdAt\": 11}", messageJson);
    }

    @Test
    void refusesWhatIsNotAnExport() {
        assertTrue(refusal("").startsWith("This file is empty"), refusal(""));
        assertTrue(refusal("{\"format\": ").startsWith("This file is not a Locara conversation export: it is not valid JSON"
                + " (Invalid JSON at line 1, column 12"), refusal("{\"format\": "));
        assertEquals("This file is not a Locara conversation export (no \"format\" field). Choose a file saved by Locara's"
                + " conversation export.", refusal("{\"conversations\": []}"));
        assertTrue(refusal("[1, 2]").contains("(no \"format\" field)"));
        assertTrue(refusal("{\"format\": \"chatgpt\"}").contains("(its \"format\" is \"chatgpt\", not \"locara-conversations\")"));
        assertTrue(refusal("{\"format\": \"locara-conversations\"}").contains("no valid \"version\""));
        assertTrue(refusal("{\"format\": \"locara-conversations\", \"version\": \"1\"}").contains("no valid \"version\""));
        assertEquals("This export is version 2, written by a newer Locara; this one reads version 1. Update Locara (reload"
                + " the page), then import the file again.", refusal("{\"format\": \"locara-conversations\", \"version\": 2}"));
        assertTrue(refusal("{\"format\": \"locara-conversations\", \"version\": 1, \"conversations\": {}}")
                .contains("no \"conversations\" list"));
        String deep = "{\"format\": \"locara-conversations\", \"version\": 1, \"conversations\": " + "[".repeat(100)
                + "]".repeat(100) + "}";
        assertTrue(refusal(deep).contains("nesting deeper than 64 levels"), refusal(deep));
    }

    @Test
    void refusesBadMessages() {
        String unknownRole = refusal(withMessage("{\"id\": \"u\", \"role\": \"system\", \"content\": \"x\", \"createdAt\": 1}"));
        assertEquals("This file cannot be imported: Conversation 1, message 1 has the unknown role \"system\"; a message's"
                + " role is \"user\" or \"assistant\" (a system prompt belongs in the conversation's \"systemPrompt\")."
                + " Nothing was imported; export the conversations from Locara again, or correct the file.", unknownRole);
        assertTrue(refusal(withMessage("{\"id\": \"u\", \"content\": \"x\", \"createdAt\": 1}"))
                .contains("Conversation 1, message 1 has no \"role\""));
        assertTrue(refusal(withMessage("{\"id\": \"u\", \"role\": \"user\", \"createdAt\": 1}"))
                .contains("Conversation 1, message 1 has no \"content\"."));
        assertTrue(refusal(withMessage("{\"id\": \"u\", \"role\": \"user\", \"content\": null, \"createdAt\": 1}"))
                .contains("\"content\" must be text, got null"));
        assertTrue(refusal(withMessage("{\"id\": \"u\", \"role\": \"user\", \"content\": [\"x\"], \"createdAt\": 1}"))
                .contains("\"content\" must be text, got [\"x\"]"));
        assertTrue(refusal(withMessage("{\"id\": \"<script>\", \"role\": \"user\", \"content\": \"x\", \"createdAt\": 1}"))
                .contains("message 1 has no valid \"id\": it must be 1 to 100 letters, digits, '.', '_' or '-', got \"<script>\""));
        assertTrue(refusal(withMessage("{\"id\": \"v\", \"role\": \"user\", \"content\": \"x\", \"createdAt\": 1}"))
                .contains("message 2 has the id \"v\" of an earlier message"));
        assertTrue(refusal(withMessage("{\"id\": \"u\", \"role\": \"user\", \"content\": \"x\", \"createdAt\": 1, \"html\": \"<b>\"}"))
                .contains("message 1 has the unknown field \"html\""));
        assertTrue(refusal(withMessage("{\"id\": \"u\", \"role\": \"user\", \"content\": \"x\", \"createdAt\": -5}"))
                .contains("\"createdAt\" must be a whole number from 0 to 9007199254740992, got -5"));
        assertTrue(refusal(withMessage("{\"id\": \"u\", \"role\": \"user\", \"content\": \"x\", \"createdAt\": 1.5}"))
                .contains("got 1.5"));
        assertTrue(refusal(HAND_WRITTEN.replace("\"firstTokenMs\": 1e2", "\"firstTokenMs\": -1"))
                .contains("message 2, \"stats\": \"firstTokenMs\" and \"tokensPerSecond\" must be 0 or more."));
    }

    @Test
    void refusesBadConversations() {
        assertTrue(refusal(HAND_WRITTEN.replace("\"temperature\": 0.8", "\"temperature\": 3"))
                .contains("Conversation 1, \"sampling\": Temperature must be a number from 0 to 2"));
        assertTrue(refusal(HAND_WRITTEN.replace("\"titleEdited\": false", "\"titleEdited\": 0"))
                .contains("\"titleEdited\" must be true or false, got 0"));
        assertTrue(refusal(HAND_WRITTEN.replace("\"id\": \"a1\"", "\"id\": \"" + "a".repeat(101) + "\""))
                .contains("Conversation 1 has no valid \"id\""));
        assertTrue(refusal(HAND_WRITTEN.replace("\"exported\": 1700000000000", "\"exported\": 1, \"extra\": true"))
                .contains("The file has the unknown field \"extra\""));
        String conversation = HAND_WRITTEN.substring(HAND_WRITTEN.indexOf("{\"id\": \"a1\""), HAND_WRITTEN.lastIndexOf("]}"));
        String twice = HAND_WRITTEN.replace(conversation, conversation + ", " + conversation);
        assertTrue(refusal(twice).contains("Conversation 2 has the id \"a1\" of an earlier one"), refusal(twice));
    }

    @Test
    void enforcesTheLimits() throws ImportException {
        String longest = "y".repeat(ConversationJson.MAX_MESSAGE_CHARS);
        String atLimit = withMessage("{\"id\": \"u\", \"role\": \"user\", \"content\": \"" + longest + "\", \"createdAt\": 1}");
        assertEquals(longest, ConversationJson.parseExport(atLimit).get(0).messages().get(0).content());
        String over = withMessage("{\"id\": \"u\", \"role\": \"user\", \"content\": \"" + longest + "y\", \"createdAt\": 1}");
        assertTrue(refusal(over).contains("message 1: \"content\" is 1,000,001 characters long; at most 1,000,000 are allowed."));
        String overReasoning = HAND_WRITTEN.replace("\"reasoning\": null", "\"reasoning\": \"" + longest + "z\"");
        assertTrue(refusal(overReasoning).contains("message 2: \"reasoning\" is 1,000,001 characters long"));

        String big = " ".repeat((int) ConversationJson.MAX_FILE_BYTES) + "{}";
        assertEquals("This file is 50.0 MB; an import may be at most 50 MB. Export fewer conversations at a time and import"
                + " those.", refusal(big));
        assertThrows(ImportException.class, () -> ConversationJson.checkFileSize(60.0 * 1024 * 1024));
        ConversationJson.checkFileSize(ConversationJson.MAX_FILE_BYTES);

        String one = HAND_WRITTEN.substring(HAND_WRITTEN.indexOf("{\"id\": \"a1\""), HAND_WRITTEN.lastIndexOf("]}"));
        StringBuilder many = new StringBuilder("{\"format\": \"locara-conversations\", \"version\": 1, \"conversations\": [");
        for (int i = 0; i < ConversationJson.MAX_CONVERSATIONS; i++) {
            many.append(i > 0 ? "," : "").append(one.replace("\"a1\"", "\"c" + i + "\""));
        }
        assertEquals(ConversationJson.MAX_CONVERSATIONS, ConversationJson.parseExport(many + "]}").size());
        assertEquals("This file holds 10,001 conversations; an import may hold at most 10,000. Export fewer at a time and"
                + " import those.", refusal(many + "," + one + "]}"));
    }

    @Test
    void storeRecordRefusals() {
        assertTrue(assertThrows(ImportException.class, () -> ConversationJson.fromJson("{"))
                .getMessage().startsWith("A stored conversation is not valid JSON"));
        assertTrue(assertThrows(ImportException.class, () -> ConversationJson.fromJson("{\"id\": \"x\"}"))
                .getMessage().startsWith("The stored conversation has no \"title\""));
    }
}
