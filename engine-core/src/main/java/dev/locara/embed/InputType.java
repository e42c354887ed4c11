package dev.locara.embed;

/**
 * What a text is for in retrieval: models trained with asymmetric prefixes (nomic's "search_query: ",
 * bge's query instruction) embed queries and documents differently, and the request says which.
 */
public enum InputType {
    QUERY, DOCUMENT;

    /** {@code "query"} or {@code "document"}, as the request field spells it. */
    public static InputType parse(String name) {
        return switch (name) {
            case "query" -> QUERY;
            case "document" -> DOCUMENT;
            default -> throw new IllegalArgumentException("input_type must be 'query' or 'document', got '" + name + "'.");
        };
    }
}
