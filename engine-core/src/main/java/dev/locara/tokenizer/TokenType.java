package dev.locara.tokenizer;

/** Token types as stored in tokenizer.ggml.token_type (llama.cpp's numbering). */
public enum TokenType {
    UNDEFINED, NORMAL, UNKNOWN, CONTROL, USER_DEFINED, UNUSED, BYTE;

    static TokenType of(int code) {
        return code >= 0 && code < values().length ? values()[code] : UNDEFINED;
    }
}
