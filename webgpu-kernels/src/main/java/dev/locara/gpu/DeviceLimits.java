package dev.locara.gpu;

/**
 * What this adapter can do at best, measured by {@link DeviceProbes}: the bounds a model's speed
 * is judged against (decode reads every weight once per token, so it is bound by {@code readGBs};
 * a long prompt is bound by {@code fmaGflops}; a tiny model by {@code dispatchUs} per kernel).
 *
 * @param readGBs    streaming read bandwidth, GB/s (10^9 bytes)
 * @param readShape  the workgroup size and count that reached it, e.g. "workgroup 256 x 512 groups"
 * @param fmaGflops  vec4 fused multiply-add throughput, GFLOP/s
 * @param dispatchUs the fixed cost of one dispatch in a pass, microseconds
 */
public record DeviceLimits(double readGBs, String readShape, double fmaGflops, double dispatchUs) {
}
