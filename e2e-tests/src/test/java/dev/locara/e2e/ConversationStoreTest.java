package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Page;
import dev.locara.conversation.ChatMessage;
import dev.locara.conversation.Conversation;
import dev.locara.conversation.ConversationJson;
import dev.locara.conversation.MessageStats;
import dev.locara.conversation.Role;
import dev.locara.conversation.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The conversation store in Chromium's IndexedDB, driven through the page's probe
 * (ConversationStore.installProbe): an import survives a reload, and hostile or broken files change
 * nothing. The exports the page writes must equal, as text, what the JVM writes for the same
 * conversations: the compiled code reads and writes the format as the tested code does.
 */
class ConversationStoreTest {
    private static final String HOSTILE = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 1\">"
            + "<svg onload=\"window.__pwned = 1\"></svg>[x](javascript:window.__pwned=1)";
    private static Browser browser;

    @BeforeAll
    static void start() {
        browser = new Browser(false); // IndexedDB needs no GPU
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private static Conversation first() {
        return new Conversation("c-1", "Ünïcödé 🦙 " + HOSTILE, false, "Be brief.\nReally.",
                new Sampling(0.25, 0.9, 7, 0.05, 1.3, 2048, 12345, 4096), 1_700_000_000_000L, 1_700_000_100_000L, List.of(
                        ChatMessage.user("m1", "Hello 👋🏽 naïve café 日本語 \u2028 " + HOSTILE, 1_700_000_000_001L),
                        new ChatMessage("m2", Role.ASSISTANT, HOSTILE + "\n\n```js\nalert(1)\n```", "Thinking…\n\nmore",
                                "stories260k", 1_700_000_000_002L, new MessageStats(31, 12, 412.5, 23.75, "stop")),
                        ChatMessage.user("m3", "", 3),
                        new ChatMessage("m4", Role.ASSISTANT, "long ".repeat(100_000), null, null, 4, null)));
    }

    private static Conversation second() {
        return Conversation.start("c-2", "", Sampling.defaults(), 5).withMessages(List.of(ChatMessage.user("q", "Later", 6)))
                .withAutoTitle().touched(1_800_000_000_000L);
    }

    private static void awaitProbe(Page page) {
        page.waitForFunction("() => self.locaraConversationProbe !== undefined");
    }

    /** A fresh profile on the page, {@code beforeLoad} applied before it loads, once the probe is there. */
    private static Browser.Session openStore(Consumer<Page> beforeLoad) {
        Browser.Session s = browser.open();
        s.page.setDefaultTimeout(120_000);
        beforeLoad.accept(s.page);
        s.page.navigate(browser.url());
        awaitProbe(s.page);
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stored(Browser.Session s) {
        return (Map<String, Object>) s.call("() => locaraConversationProbe.stored()");
    }

    /** The probe's import of {@code text}: the export it resolves to, or "refused: " and the message. */
    private static String roundTrip(Browser.Session s, String text) {
        return (String) s.page.evaluate("t => locaraConversationProbe.roundTrip(t).catch(e => 'refused: ' + e.message)", text);
    }

    @Test
    void importedConversationsSurviveAReloadAndHostileFilesChangeNothing() {
        Browser.Session s = openStore(p -> { });
        Page page = s.page;
        assertEquals(Map.of("export", ConversationJson.export(List.of(), 0), "warnings", List.of()), stored(s),
                "a fresh profile stores nothing" + s.log());

        String one = ConversationJson.export(List.of(first()), 0);
        assertEquals(one, roundTrip(s, one), "stored and read back exactly" + s.log());
        String both = ConversationJson.export(List.of(second(), first()), 0);
        assertEquals(both, roundTrip(s, ConversationJson.export(List.of(second()), 0)), "added, newest first");

        page.reload();
        awaitProbe(page);
        assertEquals(both, stored(s).get("export"), "still there after a reload" + s.log());

        String valid = ConversationJson.export(List.of(Conversation.start("c-3", "", Sampling.defaults(), 7)), 0);
        String badRole = ConversationJson.export(List.of(Conversation.start("c-3", "", Sampling.defaults(), 7),
                first().withMessages(List.of(ChatMessage.user("x", "hi", 1)))), 0).replace("\"role\": \"user\"", "\"role\": \"system\"");
        Map<String, String> hostile = Map.of(
                "{\"format\": \"locara-conversations\", \"version\": 1, \"conversations\": [", "not valid JSON",
                "{\"format\": \"chatgpt-export\", \"conversations\": []}", "(its \"format\" is \"chatgpt-export\"",
                valid.replace("\"version\": 1", "\"version\": 2"), "This export is version 2",
                badRole, "Conversation 2, message 1 has the unknown role \"system\"",
                valid.replace("\"messages\": []", "\"messages\": [{\"id\": \"m\", \"role\": \"user\", \"createdAt\": 1}]"),
                "message 1 has no \"content\"");
        for (Map.Entry<String, String> h : hostile.entrySet()) {
            String outcome = roundTrip(s, h.getKey());
            assertTrue(outcome.startsWith("refused: ") && outcome.contains(h.getValue()), outcome + s.log());
        }
        Object big = s.call("() => locaraConversationProbe.roundTrip(' '.repeat(60 * 1024 * 1024) + '{}')"
                + ".then(() => 'stored', e => e.message)");
        assertEquals("This file is 60.0 MB; an import may be at most 50 MB. Export fewer conversations at a time and import"
                + " those.", big);
        assertEquals(both, stored(s).get("export"), "no refused file changed what is stored (c-3 was not kept either)");
        assertEquals(Boolean.TRUE, page.evaluate("() => window.__pwned === undefined"), "the payloads stayed text");

        // A record this Locara cannot read (damaged, or from a newer one) is skipped with a warning and kept.
        s.call("() => new Promise((ok, no) => { const r = indexedDB.open('locara'); r.onsuccess = () => {"
                + " const tx = r.result.transaction('conversations', 'readwrite');"
                + " tx.objectStore('conversations').put({id: 'broken', updatedAt: 1, json: '{\"id\": \"broken\"'});"
                + " tx.oncomplete = () => { r.result.close(); ok(true); }; tx.onabort = () => no(tx.error); }; })");
        Map<String, Object> withBroken = stored(s);
        assertEquals(both, withBroken.get("export"));
        List<?> warnings = (List<?>) withBroken.get("warnings");
        assertEquals(1, warnings.size(), String.valueOf(warnings));
        assertTrue(String.valueOf(warnings.get(0)).startsWith("The stored conversation \"broken\" could not be read and was"
                + " skipped: A stored conversation is not valid JSON"), String.valueOf(warnings));
        page.context().close();
    }

    /**
     * Chromium's quota for the origin set to 16 MB (DevTools protocol; it takes effect when set before
     * the page first uses storage), then an import of about 20 MB: the transaction aborts with
     * QuotaExceededError, the person reads the sentence for it, and no conversation of it is stored.
     */
    @Test
    void aFullStorageIsReportedAndStoresNothing() {
        JsonObject quota = new JsonObject();
        quota.addProperty("origin", browser.url().replaceAll("/$", ""));
        quota.addProperty("quotaSize", 16 << 20);
        Browser.Session s = openStore(p -> p.context().newCDPSession(p).send("Storage.overrideQuotaForOrigin", quota));
        String small = ConversationJson.export(List.of(second()), 0);
        assertEquals(small, roundTrip(s, small), s.log());
        List<ChatMessage> huge = List.of(ChatMessage.user("a", "x".repeat(1_000_000), 1),
                ChatMessage.user("b", "y".repeat(1_000_000), 2), ChatMessage.user("c", "z".repeat(1_000_000), 3),
                ChatMessage.user("d", "w".repeat(1_000_000), 4));
        List<Conversation> tooMuch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tooMuch.add(Conversation.start("big-" + i, "", Sampling.defaults(), i).withMessages(huge));
        }
        String outcome = roundTrip(s, ConversationJson.export(tooMuch, 0));
        assertEquals("refused: The browser's storage is full: delete old conversations or models, then try again.", outcome,
                s.call("async () => JSON.stringify(await navigator.storage.estimate())") + s.log());
        assertEquals(small, stored(s).get("export"), "no conversation of the failed import was stored");
        s.page.context().close();
    }

    @Test
    void withoutIndexedDbThePageSaysSo() {
        Browser.Session s = openStore(p -> p.addInitScript("Object.defineProperty(self, 'indexedDB', {value: undefined});"));
        Object outcome = s.call("() => locaraConversationProbe.stored().then(() => 'opened', e => e.message)");
        assertEquals("This browser has no IndexedDB, so conversations cannot be saved. Use a current Chrome, Edge or"
                + " Safari 26, outside a private window.", outcome, s.log());
        s.page.context().close();
    }
}
