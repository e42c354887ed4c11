package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine worker's side of the protocol, talked to directly: a message it does not know, or one
 * that does not read, is answered with an error carrying its id, so no caller waits forever.
 */
class EngineProtocolTest {
    @Test
    @SuppressWarnings("unchecked")
    void anUnknownOrMalformedMessageIsAnsweredWithAnError() {
        try (Browser browser = new Browser(true)) {
            Browser.Session s = browser.open();
            s.page.navigate(browser.url());
            s.page.waitForSelector("#status[data-state=ready]");
            List<Map<String, Object>> replies = (List<Map<String, Object>>) s.call("() => new Promise((resolve, reject) => {"
                    + " const w = new Worker('engine-worker.js'); const got = [];"
                    + " w.onmessage = e => { got.push(e.data);"
                    + "  if (e.data.kind === 'ready') { w.postMessage({kind: 'summarize', id: 7});"
                    + "   w.postMessage({kind: 'generate', id: 8}); w.postMessage({kind: 'stored', id: 9}); }"
                    + "  else if (e.data.kind === 'fatal') { resolve(got); }"
                    + "  if (got.length === 4) { w.terminate(); resolve(got); } }; })");
            assertEquals("ready", replies.get(0).get("kind"), replies + s.log());
            Map<String, Object> unknown = replies.get(1);
            assertEquals("error", unknown.get("kind"), replies.toString());
            assertEquals(7, ((Number) unknown.get("id")).intValue(), replies.toString());
            assertEquals("invalid_request", unknown.get("code"), replies.toString());
            String message = String.valueOf(unknown.get("message"));
            assertTrue(message.contains("'summarize'") && message.contains("generate"), message);
            Map<String, Object> malformed = replies.get(2);
            assertEquals("error", malformed.get("kind"), replies.toString());
            assertEquals(8, ((Number) malformed.get("id")).intValue(), replies.toString());
            assertEquals("invalid_request", malformed.get("code"), replies.toString());
            // The engine serves on: the next request is answered in turn.
            assertEquals("result", replies.get(3).get("kind"), replies.toString());
            assertEquals(9, ((Number) replies.get(3).get("id")).intValue(), replies.toString());
        }
    }
}
