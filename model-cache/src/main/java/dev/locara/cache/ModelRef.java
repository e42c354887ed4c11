package dev.locara.cache;

/**
 * A model the workbench knows by name.
 *
 * @param id     the name used in API requests ("stories260k")
 * @param file   the file name in the server's models folder
 * @param bytes  the pinned size
 * @param sha256 the pinned SHA-256, lower-case hex
 */
public record ModelRef(String id, String displayName, String file, long bytes, String sha256, String license) {
    /** Where the page's origin serves the file. */
    public String localUrl() {
        return "models/" + file;
    }
}
