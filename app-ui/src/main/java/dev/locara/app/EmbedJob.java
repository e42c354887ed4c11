package dev.locara.app;

import dev.locara.embed.Embedder;
import dev.locara.embed.EmbeddingRequest;
import dev.locara.embed.Embeddings;
import dev.locara.protocol.EmbeddingParams;
import dev.locara.protocol.ErrorCode;
import dev.locara.protocol.Reply;
import dev.locara.protocol.Request;
import dev.locara.protocol.RequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * embeddings.create: loads the embedding model the request names (beside the language model when
 * both fit), embeds the inputs on the GPU in steps of {@link #INPUTS_PER_STEP}, with a "stage" message
 * after each step of a larger request and a stop seen between steps, then one "result" in OpenAI's
 * response shape.
 */
final class EmbedJob {
    /** Inputs per step: one or a few GPU submissions, short enough that progress and a stop come often. */
    static final int INPUTS_PER_STEP = 64;

    private final ModelHost host;
    private final IntPredicate stopped;

    /** @param stopped whether request {@code id} was asked to stop */
    EmbedJob(ModelHost host, IntPredicate stopped) {
        this.host = host;
        this.stopped = stopped;
    }

    void run(Request.Embed r) {
        EmbeddingParams p = r.params();
        Embedder embedder = host.encoder(p.model(), r.url());
        List<String> input = p.input();
        int steps = (input.size() + INPUTS_PER_STEP - 1) / INPUTS_PER_STEP;
        List<Embeddings> parts = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            int from = step * INPUTS_PER_STEP;
            int to = Math.min(input.size(), from + INPUTS_PER_STEP);
            if (stopped.test(r.id())) {
                throw new RequestException(ErrorCode.EMBEDDING_CANCELLED, "embeddings.create was aborted after " + from
                        + " of " + input.size() + " inputs; nothing was returned.");
            }
            parts.add(embedder.embed(new EmbeddingRequest(input.subList(from, to), p.inputType(), p.dimensions()), from));
            if (steps > 1) {
                Outbox.post(new Reply.Stage(r.id(), "embed", step + 1, steps, "Embedded " + to + " of " + input.size()
                        + " inputs…"));
            }
        }
        host.gpu().throwIfFailed();
        Outbox.post(new Reply.Result(r.id(), Embeddings.concat(parts).toJson(p.model())));
    }
}
