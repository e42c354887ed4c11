package dev.locara.cache;

import java.util.Collection;

/**
 * Naming of user models (imported from disk or added by URL): models outside the manifest, stored
 * unpinned with the hash computed when they were stored. Their files carry a "user-" prefix so that
 * no user file can take the place of a manifest model's file, and their marker holds the hash.
 */
public final class UserModels {
    /** The longest id; file names of imported models can be long, OPFS names and API ids should not be. */
    static final int MAX_ID = 64;
    static final String PREFIX = "user-";
    static final String EXTENSION = ".gguf";
    /** Written after the file is complete and its GGUF header checked; holds the SHA-256. */
    static final String MARKER = ".unpinned";

    private UserModels() {
    }

    /**
     * The API id for a file named {@code fileName}: lower-case ASCII letters, digits, '.', '_' and
     * '-' (anything else becomes '-'), without the ".gguf" extension or any folder. An id that a
     * manifest model already uses gets "-user", so an unpinned file never answers to a pinned name.
     * (A scanner, not a regex: TeaVM's regex is not faithful.)
     */
    public static String idFor(String fileName, Collection<String> manifestIds) {
        String name = fileName == null ? "" : fileName;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        if (name.toLowerCase().endsWith(EXTENSION)) {
            name = name.substring(0, name.length() - EXTENSION.length());
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length() && sb.length() < MAX_ID; i++) {
            char c = Character.toLowerCase(name.charAt(i));
            boolean keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            char out = keep ? c : '-';
            if (out == '-' && sb.length() > 0 && sb.charAt(sb.length() - 1) == '-') {
                continue; // "my  model (1)" -> "my-model-1", not "my--model--1-"
            }
            sb.append(out);
        }
        int start = 0;
        int end = sb.length();
        while (start < end && isTrimmed(sb.charAt(start))) {
            start++;
        }
        while (end > start && isTrimmed(sb.charAt(end - 1))) {
            end--;
        }
        String id = sb.substring(start, end);
        if (id.isEmpty()) {
            id = "model";
        }
        return manifestIds.contains(id) ? id + "-user" : id;
    }

    private static boolean isTrimmed(char c) {
        return c == '-' || c == '.' || c == '_';
    }

    /** The stored file of user model {@code id}. */
    public static String file(String id) {
        return PREFIX + id + EXTENSION;
    }

    /** The user model id whose marker is named {@code name}, or null when it is no user marker. */
    static String idOfMarker(String name) {
        String suffix = EXTENSION + MARKER;
        if (!name.startsWith(PREFIX) || !name.endsWith(suffix) || name.length() <= PREFIX.length() + suffix.length()) {
            return null;
        }
        return name.substring(PREFIX.length(), name.length() - suffix.length());
    }
}
