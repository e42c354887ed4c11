package dev.locara.protocol;

/**
 * A message between the page and the engine worker: a {@link Request} (page to worker) or a
 * {@link Reply} (worker to page). Each kind is one record, and one entry of its direction's table
 * gives its name on the wire and its fields, so the page and the worker share one definition.
 */
public sealed interface Message permits Request, Reply {
    /** The field that names a message's kind. */
    String KIND = "kind";

    /** The whole message, its kind first. */
    static void write(Message m, FieldWriter w) {
        if (m instanceof Request r) {
            Request.KINDS.write(r, w);
        } else {
            Reply.KINDS.write((Reply) m, w);
        }
    }

    /** Its name on the wire, e.g. "token". */
    static String kindOf(Message m) {
        return m instanceof Request r ? Request.KINDS.nameOf(r) : Reply.KINDS.nameOf((Reply) m);
    }

    /** The {@code id} a message carries, or -1 when it has none that is a whole number (for answering one that does not read). */
    static int idOf(FieldReader r) {
        double id = r.number("id");
        return id == Math.floor(id) && Math.abs(id) <= Integer.MAX_VALUE ? (int) id : -1;
    }
}
