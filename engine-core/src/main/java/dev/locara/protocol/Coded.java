package dev.locara.protocol;

/** An exception that knows which {@link ErrorCode} the caller should see; {@link Failure#of} reads it. */
public interface Coded {
    ErrorCode errorCode();
}
