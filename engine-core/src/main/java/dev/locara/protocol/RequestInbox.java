package dev.locara.protocol;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The worker's incoming requests, decoded as they arrive. Work queues for the engine, which takes
 * one at a time; a {@link Request.Stop} is not queued but marks its request at once, so a
 * generation in progress sees it at its next token; a message that does not read as a request is
 * answered at once with a {@link Reply.Failed} carrying its id, so the caller's promise settles.
 */
public final class RequestInbox {
    private final ArrayDeque<Request> queue = new ArrayDeque<>();
    private final Set<Integer> stopped = new HashSet<>();
    private final Consumer<Reply> answer;

    /** @param answer where the answers to unreadable messages go (the worker posts them) */
    public RequestInbox(Consumer<Reply> answer) {
        this.answer = answer;
    }

    /** Takes one message; true when it queued work (the engine may be waiting for it). */
    public boolean receive(FieldReader message) {
        Request r;
        try {
            r = Request.read(message);
        } catch (RuntimeException e) {
            answer.accept(new Reply.Failed(Message.idOf(message), Failure.of(e)));
            return false;
        }
        if (r instanceof Request.Stop) {
            stopped.add(r.id());
            return false;
        }
        queue.add(r);
        return true;
    }

    /** The next request to serve, or null when none waits. */
    public Request poll() {
        return queue.poll();
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    public boolean isStopped(int id) {
        return stopped.contains(id);
    }

    /** Request {@code id} is over: a stop that arrives later has nothing to stop. */
    public void forget(int id) {
        stopped.remove(id);
    }
}
