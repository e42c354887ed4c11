package dev.locara.documents;

import java.util.Locale;

/**
 * The document formats Locara reads, told by the name's extension and checked against the first bytes,
 * so that a PDF renamed .txt (or a binary file renamed .md) is refused with a sentence rather than
 * stored as noise.
 */
public enum DocumentKind {
    TEXT("text/plain", "a text (.txt)", ".txt"),
    MARKDOWN("text/markdown", "a Markdown (.md)", ".md", ".markdown"),
    HTML("text/html", "an HTML (.html)", ".html", ".htm"),
    PDF("application/pdf", "a PDF (.pdf)", ".pdf");

    /** 50 MB: far above any text document, and small enough to hold in memory while the PDF is parsed. */
    public static final double MAX_BYTES = 50 * 1024 * 1024;
    /** How many leading bytes {@link #of} looks at. */
    public static final int HEAD_BYTES = 1024;

    private final String mediaType;
    private final String label;
    private final String[] extensions;

    DocumentKind(String mediaType, String label, String... extensions) {
        this.mediaType = mediaType;
        this.label = label;
        this.extensions = extensions;
    }

    public String mediaType() {
        return mediaType;
    }

    String label() {
        return label;
    }

    public static DocumentKind byMediaType(String mediaType) {
        for (DocumentKind k : values()) {
            if (k.mediaType.equals(mediaType)) {
                return k;
            }
        }
        throw new IllegalArgumentException("No document kind has the media type " + mediaType + ".");
    }

    /** The list the file picker offers. */
    public static String pickerAccept() {
        StringBuilder out = new StringBuilder();
        for (DocumentKind k : values()) {
            for (String e : k.extensions) {
                out.append(out.length() == 0 ? "" : ",").append(e);
            }
        }
        return out.toString();
    }

    static String accepted() {
        return ".txt, .md, .html and .pdf";
    }

    /**
     * The kind of a file named {@code name} of {@code size} bytes whose first bytes are {@code head}
     * (up to {@link #HEAD_BYTES}); refuses it with the sentence that says why.
     */
    public static DocumentKind of(String name, double size, byte[] head) throws ImportRefused {
        DocumentKind kind = byName(name);
        if (kind == null) {
            throw new ImportRefused(ImportErrors.unknownType(name));
        }
        if (size > MAX_BYTES) {
            throw new ImportRefused(ImportErrors.tooLarge(name, size));
        }
        boolean pdfBytes = startsWith(head, "%PDF-");
        if (kind == PDF && !pdfBytes) {
            throw new ImportRefused(ImportErrors.wrongType(name, kind, binary(head) ? "other binary data" : "text"));
        }
        if (kind != PDF && pdfBytes) {
            throw new ImportRefused(ImportErrors.wrongType(name, kind, "a PDF"));
        }
        if (kind != PDF && binary(head)) {
            throw new ImportRefused(ImportErrors.wrongType(name, kind, "binary data (not text)"));
        }
        return kind;
    }

    static DocumentKind byName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (DocumentKind k : values()) {
            for (String e : k.extensions) {
                if (lower.endsWith(e) && lower.length() > e.length()) {
                    return k;
                }
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] head, String magic) {
        if (head.length < magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (head[i] != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Text in any of the encodings we read (UTF-8, with or without BOM) has no NUL bytes; binary formats do. */
    private static boolean binary(byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}
