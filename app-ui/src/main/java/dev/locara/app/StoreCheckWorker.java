package dev.locara.app;

import dev.locara.privacy.NetworkLog;
import dev.locara.protocol.ErrorCode;
import dev.locara.protocol.Failure;
import dev.locara.protocol.Reply;
import dev.locara.protocol.Request;
import dev.locara.protocol.RequestException;

/**
 * The start-up check of stored models (models.verify), in a worker of its own beside the engine:
 * hashing a big model whole takes seconds (BENCHMARKS.md, "The start-up check"), and the engine serves
 * one request at a time, so a check there would hold back the first chat. This worker runs the same
 * wasm as the engine, started under {@link #NAME}; it opens no GPU device and serves only verify.
 * Reading OPFS files while the engine streams one is safe: each reader has its own File snapshot.
 */
final class StoreCheckWorker {
    /** The worker name the page starts it under (self.name). */
    static final String NAME = "locara-store-check";

    private StoreCheckWorker() {
    }

    static void serve() {
        NetworkLog.reportFromWorker("store check worker");
        Inbox inbox = new Inbox();
        // "ready" here only says that the worker listens: the page holds its requests until then.
        Outbox.post(new Reply.Ready("", "", "", false));
        while (true) {
            Request r = inbox.next();
            try {
                if (!(r instanceof Request.Verify v)) {
                    throw new RequestException(ErrorCode.INVALID_REQUEST, "The store check worker serves only"
                            + " models.verify; '" + r.getClass().getSimpleName() + "' goes to the engine.");
                }
                Outbox.post(new Reply.Result(v.id(), StorageReplies.checks(StorageJob.check(v))));
            } catch (RuntimeException e) {
                Outbox.post(new Reply.Failed(r.id(), Failure.of(e)));
            } finally {
                inbox.forget(r.id());
            }
        }
    }
}
