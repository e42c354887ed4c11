package dev.locara.chat;

import dev.locara.protocol.Coded;
import dev.locara.protocol.ErrorCode;

/** A chat template that cannot be parsed or rendered, with where in the template it went wrong. */
public final class TemplateException extends RuntimeException implements Coded {
    public enum Kind {
        /** The template text is not valid Jinja. */
        SYNTAX,
        /** Valid Jinja that uses a feature this interpreter lacks (a filter, a tag): a fallback format may serve. */
        UNSUPPORTED,
        /** An operation failed on the values given (e.g. adding a string to a number). */
        RUNTIME,
        /** The template itself refused the conversation with raise_exception (e.g. "System role not supported"). */
        RAISED,
        /** The template went past one of its {@link TemplateLimits}; {@link #limit()} names which. */
        LIMIT
    }

    private final Kind kind;
    private final int line;
    private final int column;
    private final String limit;

    TemplateException(Kind kind, String message, String source, int offset) {
        this(kind, message, null, Position.of(source, offset));
    }

    /** A LIMIT failure: {@code limit} is the name of the TemplateLimits component that tripped. */
    static TemplateException limit(String limit, String message, String source, int offset) {
        return new TemplateException(Kind.LIMIT, message, limit, Position.of(source, offset));
    }

    private TemplateException(Kind kind, String message, String limit, Position at) {
        // RAISED carries the template author's own words for the caller, with no position prefix.
        super(kind == Kind.RAISED ? message : "Chat template, line " + at.line + ", column " + at.column + ": " + message);
        this.kind = kind;
        this.line = at.line;
        this.column = at.column;
        this.limit = limit;
    }

    /** A source offset as a 1-based line and column. */
    private record Position(int line, int column) {
        static Position of(String source, int offset) {
            int l = 1;
            int c = 1;
            for (int i = 0; i < Math.min(offset, source.length()); i++) {
                if (source.charAt(i) == '\n') {
                    l++;
                    c = 1;
                } else {
                    c++;
                }
            }
            return new Position(l, c);
        }
    }

    public Kind kind() {
        return kind;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** For kind LIMIT, the TemplateLimits component that tripped (e.g. "maxLoopIterations"); null otherwise. */
    public String limit() {
        return limit;
    }

    /** The template refused these messages (e.g. a system role Gemma does not take) or failed on them: the caller can change the request. */
    @Override
    public ErrorCode errorCode() {
        return ErrorCode.INVALID_REQUEST;
    }
}
