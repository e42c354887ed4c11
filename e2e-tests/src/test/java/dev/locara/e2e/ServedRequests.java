package dev.locara.e2e;

import com.microsoft.playwright.Request;
import java.util.ArrayList;
import java.util.List;

/** The finished requests of an offline run: every URL, and those the service worker did not answer. */
record ServedRequests(List<String> urls, List<String> notFromServiceWorker) {

    /** @param finished Playwright's requestfinished events, as a synchronized list */
    static ServedRequests of(List<Request> finished) {
        List<String> urls = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        synchronized (finished) {
            for (Request r : finished) {
                urls.add(r.url());
                if (r.response() == null || !r.response().fromServiceWorker()) {
                    elsewhere.add(r.url());
                }
            }
        }
        return new ServedRequests(urls, elsewhere);
    }
}
