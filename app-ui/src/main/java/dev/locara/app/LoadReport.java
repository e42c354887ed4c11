package dev.locara.app;

import dev.locara.protocol.Reply;

/**
 * Tells the page how a model load goes, as {@link Reply.Loading} messages for request {@code id}:
 * "read" (the header and tokenizer), "upload" (the weights streamed from storage or the server into
 * GPU buffers: reading and uploading are one pass, a bounded window at a time), "compile" (waiting
 * for the kernels that compiled meanwhile), "ready". The whole load's progress is the share of the
 * file's bytes done, scaled to {@link #BYTES_SHARE}; the kernels' wait takes the rest, since it
 * ends the load and has no byte count. Never goes back.
 */
final class LoadReport {
    /** The part of the progress bar the file's bytes fill; the kernels' wait fills the rest. */
    private static final double BYTES_SHARE = 0.9;
    /** Upload reports are sent at most this often (and at each whole per cent), not per chunk. */
    private static final double EVERY_MS = 100;

    private final int id;
    private final String model;
    private final double startMs;
    private double progress;
    private double lastMs = -1;
    private long fileBytes;

    /** @param id the request to report to; below 0, nothing is posted (a load another job started) */
    LoadReport(int id, String model) {
        this.id = id;
        this.model = model;
        this.startMs = GenerateJob.now();
    }

    static LoadReport silent(String model) {
        return new LoadReport(-1, model);
    }

    /** Before its file is opened: a model that cannot be opened fails in this stage. */
    void opening() {
        post("read", 0, 0, 0, "Opening " + model + "…");
    }

    /** @param from where the bytes come from: "browser storage" or "the server" */
    void reading(long fileBytes, String from) {
        this.fileBytes = fileBytes;
        post("read", 0, 0, fileBytes, "Reading " + model + " from " + from + ": its header and tokenizer (" + mb(fileBytes)
                + " file)…");
    }

    void read(long headerBytes, int tensors) {
        post("read", bytes(headerBytes), headerBytes, fileBytes, "Read the header of " + model + ": " + mb(headerBytes)
                + " of " + mb(fileBytes) + ", " + tensors + " tensors.");
    }

    /** {@code done} of {@code total} tensor bytes are on the GPU, tensors {@code tensorsDone} of {@code tensors}. */
    void uploading(long headerBytes, long done, long total, int tensorsDone, int tensors) {
        double now = GenerateJob.now();
        double p = bytes(headerBytes + done);
        boolean last = done == total;
        if (!last && now - lastMs < EVERY_MS && Math.floor(p * 100) == Math.floor(progress * 100)) {
            return;
        }
        lastMs = now;
        post("upload", p, done, total, "Uploading weights to the GPU: " + mb(done) + " of " + mb(total) + " ("
                + tensorsDone + " of " + tensors + " tensors)…");
    }

    void compiling(int pending) {
        post("compile", BYTES_SHARE, 0, pending, pending == 0 ? "Kernels compiled while the weights streamed; binding them…"
                : "Compiling kernels: " + pending + " still compiling…");
    }

    void ready(int contextLength) {
        post("ready", 1, 1, 1, model + " is loaded, with a " + contextLength + "-token context.");
    }

    private double bytes(long done) {
        return fileBytes <= 0 ? 0 : BYTES_SHARE * Math.min(1, (double) done / fileBytes);
    }

    private void post(String stage, double p, double loaded, double total, String text) {
        progress = Math.max(progress, p);
        if (id >= 0) {
            Outbox.post(new Reply.Loading(id, stage, progress, loaded, total, GenerateJob.now() - startMs, text));
        }
    }

    /** Kilobytes or megabytes with one decimal (decimal units, as the model manager shows sizes). */
    static String mb(long bytes) {
        boolean small = bytes < 1_000_000;
        long tenths = Math.round(bytes / (small ? 1e2 : 1e5));
        return tenths / 10 + "." + tenths % 10 + (small ? " kB" : " MB");
    }
}
