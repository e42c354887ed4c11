// One query head's attention over cache positions [first, n), shared by attention.wgsl (one new
// token) and attention_batch.wgsl (a chunk of tokens): invocations split the positions for the
// scores, a max and a sum reduction in workgroup memory give a stable softmax, then invocations
// split the head's output values. The including file declares p (head_dim, kv_dim, scale, softcap),
// v_cache, scores, out, red and WG, and query(qo, i) and key(t, ko, i), value i of the query row at
// qo and of position t's key at ko (attention.wgsl turns the new token's); qo, kvo and so are the offsets of this query row,
// its key/value head and its scores row. Every argument is uniform per workgroup, so the barriers
// inside are reached by all invocations.
fn attend(lid: u32, first: u32, n: u32, qo: u32, kvo: u32, so: u32) {
    var m = -3.0e38;
    for (var t = first + lid; t < n; t += WG) {
        var s = 0.0;
        let ko = t * p.kv_dim + kvo;
        for (var i = 0u; i < p.head_dim; i++) {
            s += query(qo, i) * key(t, ko, i);
        }
        s *= p.scale;
        if (p.softcap > 0.0) {
            s = p.softcap * tanh(clamp(s / p.softcap, -15.0, 15.0)); // clamped: tanh may overflow to NaN
        }
        scores[so + t] = s;
        m = max(m, s);
    }
    red[lid] = m;
    workgroupBarrier();
    for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
        if (lid < stride) {
            red[lid] = max(red[lid], red[lid + stride]);
        }
        workgroupBarrier();
    }
    let mx = red[0];
    workgroupBarrier();

    var sum = 0.0;
    for (var t = first + lid; t < n; t += WG) {
        let e = exp(scores[so + t] - mx);
        scores[so + t] = e;
        sum += e;
    }
    red[lid] = sum;
    workgroupBarrier();
    for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
        if (lid < stride) {
            red[lid] += red[lid + stride];
        }
        workgroupBarrier();
    }
    let total = red[0];
    storageBarrier();

    for (var i = lid; i < p.head_dim; i += WG) {
        var acc = 0.0;
        for (var t = first; t < n; t++) {
            acc += scores[so + t] * v_cache[t * p.kv_dim + kvo + i];
        }
        out[qo + i] = acc / total;
    }
}
