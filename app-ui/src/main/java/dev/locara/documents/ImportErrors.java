package dev.locara.documents;

/**
 * The sentences a refused file gets, each saying what is wrong and what to do. Kept in one place
 * (and tested on the JVM) so that the importer, the list and the tests use the same words.
 */
public final class ImportErrors {
    private ImportErrors() {
    }

    public static String scanned(String name) {
        return "“" + name + "”: this PDF is scanned images; it has no text to search. Run it through a text"
                + " recognizer (OCR) that adds a text layer, then import that copy.";
    }

    public static String encrypted(String name) {
        return "“" + name + "” is an encrypted PDF that needs a password to open. Save a copy without the"
                + " password, then import that.";
    }

    public static String unknownType(String name) {
        return "“" + name + "” is not a kind of file Locara reads. It reads " + DocumentKind.accepted() + " files.";
    }

    public static String wrongType(String name, DocumentKind claimed, String found) {
        return "“" + name + "” is named like " + claimed.label() + " but holds " + found
                + ". Rename it after what it holds, or export it again as " + claimed.label() + ".";
    }

    public static String corrupt(String name, String detail) {
        return "“" + name + "” could not be read; the file is damaged or incomplete (" + detail + ")."
                + " Open it in its own program and save it again.";
    }

    public static String tooLarge(String name, double bytes) {
        return "“" + name + "” is " + megabytes(bytes) + "; the limit is " + megabytes(DocumentKind.MAX_BYTES)
                + " per document. Split it into smaller files.";
    }

    public static String empty(String name) {
        return "“" + name + "” holds no text.";
    }

    static String megabytes(double bytes) {
        long tenths = Math.round(bytes / (1024 * 1024) * 10);
        return tenths % 10 == 0 ? tenths / 10 + " MB" : tenths / 10 + "." + tenths % 10 + " MB";
    }
}
