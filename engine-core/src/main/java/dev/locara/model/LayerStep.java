package dev.locara.model;

import java.util.List;

/**
 * One step of a transformer block as {@link LayerPlan} lists them: what it computes, from which
 * activation {@link Slot} into which, with which of the block's tensors. Each backend runs a step
 * its own way (the CPU in place, the GPU as one dispatch or fused into its neighbour) through a
 * {@link Visitor}, so a new kind of step is a new visitor method that every backend must implement.
 */
public sealed interface LayerStep permits LayerStep.Mapping, LayerStep.Qkv, LayerStep.Attention {

    void accept(Visitor v);

    /** The slots this step reads and writes. */
    List<Slot> slots();

    /** The block tensors this step reads. */
    List<BlockTensor> tensors();

    /** What a backend does for each kind of step. */
    interface Visitor {
        void norm(Norm s);

        void qkv(Qkv s);

        void attention(Attention s);

        void project(Project s);

        void glu(Glu s);
    }

    /**
     * The activations a block passes between its steps; a backend maps each to a buffer (and may map
     * several to one, where it computes in place).
     */
    enum Slot {
        /** [dim] the residual stream. */
        X,
        /** [dim] a sublayer's normalized input. */
        NORMED,
        /** [dim] a sublayer's output before its post-norm (gemma). */
        BLOCK_OUT,
        /** [qDim] queries before their per-head norm (gemma3). */
        Q_RAW,
        /** [kvDim] keys before their per-head norm. */
        K_RAW,
        /** [qDim] queries, heads of headDim. */
        Q,
        /** [kvDim] this token's keys, before RoPE. */
        K,
        /** [kvDim] this token's values. */
        V,
        /** [qDim] the attention's output, all heads. */
        ATTN_OUT,
        /** [hidden] the feed-forward's activation. */
        HIDDEN;

        public int width(LlamaConfig c) {
            return switch (this) {
                case X, NORMED, BLOCK_OUT -> c.dim();
                case Q_RAW, Q, ATTN_OUT -> c.qDim();
                case K_RAW, K, V -> c.kvDim();
                case HIDDEN -> c.hiddenDim();
            };
        }
    }

    /** A step from one slot into another. */
    sealed interface Mapping extends LayerStep permits Norm, Project, Glu {
        Slot from();

        Slot to();

        @Override
        default List<Slot> slots() {
            return List.of(from(), to());
        }
    }

    /** The feed-forward gate's activation function. */
    enum Activation {
        /** x * sigmoid(x) (SwiGLU). */
        SILU,
        /** GELU, tanh approximation (GeGLU: gemma). */
        GELU
    }

    /**
     * {@code to = rmsnorm(from) * weight}, or {@code to += ...} with {@code add}; over each head's
     * headDim values when {@code perHead}, else over the whole slot.
     */
    record Norm(BlockTensor weight, Slot from, Slot to, boolean perHead, boolean add) implements Mapping {
        static Norm of(BlockTensor weight, Slot from, Slot to) {
            return new Norm(weight, from, to, false, false);
        }

        static Norm perHead(BlockTensor weight, Slot from, Slot to) {
            return new Norm(weight, from, to, true, false);
        }

        static Norm adding(BlockTensor weight, Slot from, Slot to) {
            return new Norm(weight, from, to, false, true);
        }

        @Override
        public void accept(Visitor v) {
            v.norm(this);
        }

        @Override
        public List<BlockTensor> tensors() {
            return List.of(weight);
        }
    }

    /**
     * q, k and v projections of {@code from} into {@code q}, {@code k} and {@link Slot#V}
     * (ATTN_Q, ATTN_K, ATTN_V), each plus its bias (ATTN_*_BIAS) when {@code bias}.
     */
    record Qkv(Slot from, Slot q, Slot k, boolean bias) implements LayerStep {
        @Override
        public void accept(Visitor v) {
            v.qkv(this);
        }

        @Override
        public List<Slot> slots() {
            return List.of(from, q, k, Slot.V);
        }

        @Override
        public List<BlockTensor> tensors() {
            return bias ? List.of(BlockTensor.ATTN_Q, BlockTensor.ATTN_K, BlockTensor.ATTN_V, BlockTensor.ATTN_Q_BIAS,
                    BlockTensor.ATTN_K_BIAS, BlockTensor.ATTN_V_BIAS)
                    : List.of(BlockTensor.ATTN_Q, BlockTensor.ATTN_K, BlockTensor.ATTN_V);
        }
    }

    /**
     * RoPE of Q and K with base {@code ropeTheta}, K and V into the cache at this position, and
     * causal softmax attention of Q over the cache into ATTN_OUT; {@code window} > 0 limits it to the
     * last window positions (a local layer).
     */
    record Attention(int window, float ropeTheta) implements LayerStep {
        @Override
        public void accept(Visitor v) {
            v.attention(this);
        }

        @Override
        public List<Slot> slots() {
            return List.of(Slot.Q, Slot.K, Slot.V, Slot.ATTN_OUT);
        }

        @Override
        public List<BlockTensor> tensors() {
            return List.of();
        }
    }

    /** {@code to = weight from}, or {@code to += weight from} with {@code add}. */
    record Project(BlockTensor weight, Slot from, Slot to, boolean add) implements Mapping {
        @Override
        public void accept(Visitor v) {
            v.project(this);
        }

        @Override
        public List<BlockTensor> tensors() {
            return List.of(weight);
        }
    }

    /** {@code to = act(FFN_GATE from) * (FFN_UP from)}: the gated feed-forward's first half. */
    record Glu(Activation activation, Slot from, Slot to) implements Mapping {
        @Override
        public void accept(Visitor v) {
            v.glu(this);
        }

        @Override
        public List<BlockTensor> tensors() {
            return List.of(BlockTensor.FFN_GATE, BlockTensor.FFN_UP);
        }
    }
}
