package dev.locara.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StoreErrorsTest {
    @Test
    void sentencesWithWhatToDo() {
        assertEquals("The browser's storage is full: delete old conversations or models, then try again.",
                StoreErrors.describe("QuotaExceededError", "The quota has been exceeded."));
        assertEquals("This browser has no IndexedDB, so conversations cannot be saved. Use a current Chrome, Edge or"
                + " Safari 26, outside a private window.", StoreErrors.describe(StoreErrors.NOT_SUPPORTED, ""));
        assertEquals("Conversation storage failed (UnknownError: disk I/O). Reload the page; if it keeps failing, export"
                + " your conversations and clear this site's data.", StoreErrors.describe("UnknownError", "disk I/O"));
        assertEquals("Conversation storage failed (AbortError). Reload the page; if it keeps failing, export your"
                + " conversations and clear this site's data.", StoreErrors.describe("AbortError", ""));
        assertEquals(true, StoreErrors.describe("InvalidStateError", "closed").endsWith("reload this page."));
        assertEquals(true, StoreErrors.describe(StoreErrors.BLOCKED, "").startsWith("Another Locara tab"));
    }
}
