package dev.locara.conversation;

/**
 * What an IndexedDB failure means for the person, from the DOMException's name: one sentence with
 * what to do. Kept apart from {@link ConversationStore} so that it is tested on the JVM.
 */
final class StoreErrors {
    /** The name {@link ConversationStore} reports when the browser has no IndexedDB at all. */
    static final String NOT_SUPPORTED = "NotSupported";
    /** The name it reports when another tab holds an older version of the database open. */
    static final String BLOCKED = "Blocked";

    private StoreErrors() {
    }

    static String describe(String name, String message) {
        String detail = message == null || message.isBlank() ? name : name + ": " + message;
        switch (name == null ? "" : name) {
            case NOT_SUPPORTED:
                return "This browser has no IndexedDB, so conversations cannot be saved. Use a current Chrome, Edge"
                        + " or Safari 26, outside a private window.";
            case "QuotaExceededError":
                return "The browser's storage is full: delete old conversations or models, then try again.";
            case "SecurityError":
                return "The browser does not let this page store data (a private window or a site-data setting"
                        + " blocks it): allow site data for this page to keep conversations.";
            case BLOCKED:
                return "Another Locara tab is using an older version of the conversation database: close the other"
                        + " Locara tabs, then reload this one.";
            case "VersionError":
                return "A newer Locara has stored conversations in this browser: reload this page to update it.";
            case "InvalidStateError":
                return "The conversation database was closed, most likely because Locara was updated in another"
                        + " tab: reload this page.";
            default:
                return "Conversation storage failed (" + detail + "). Reload the page; if it keeps failing, export"
                        + " your conversations and clear this site's data.";
        }
    }
}
