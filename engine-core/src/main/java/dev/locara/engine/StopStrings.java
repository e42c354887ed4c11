package dev.locara.engine;

import java.util.List;

/**
 * OpenAI-style stop strings over streamed text. Text is released only once no stop string can
 * still begin inside it, so a partial match is held back and never reaches the client; when a stop
 * string completes, the text before it is released and the rest (the stop string included) dropped.
 */
final class StopStrings {
    private final String[] stops;
    private final StringBuilder held = new StringBuilder();
    private boolean stopped;

    StopStrings(List<String> stops) {
        this.stops = stops.toArray(new String[0]);
    }

    boolean stopped() {
        return stopped;
    }

    /** Adds generated text; returns what is now safe to show (possibly empty). */
    String push(String piece) {
        if (stopped) {
            return "";
        }
        if (stops.length == 0) {
            return piece;
        }
        held.append(piece);
        // A match can only start inside the held text: everything released before could begin no stop string.
        int first = -1;
        for (String stop : stops) {
            int at = held.indexOf(stop);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        if (first >= 0) {
            stopped = true;
            String out = held.substring(0, first);
            held.setLength(0);
            return out;
        }
        int keep = 0;
        for (String stop : stops) {
            keep = Math.max(keep, overlap(stop));
        }
        String out = held.substring(0, held.length() - keep);
        held.delete(0, held.length() - keep);
        return out;
    }

    /** The held text, released when generation ends for another reason. */
    String flush() {
        String out = stopped ? "" : held.toString();
        held.setLength(0);
        return out;
    }

    /** The longest proper prefix of {@code stop} that ends the held text. */
    private int overlap(String stop) {
        int end = held.length();
        for (int n = Math.min(stop.length() - 1, end); n > 0; n--) {
            int i = 0;
            while (i < n && held.charAt(end - n + i) == stop.charAt(i)) {
                i++;
            }
            if (i == n) {
                return n;
            }
        }
        return 0;
    }
}
