/**
 * The thin QR decomposition of an `m × n` matrix (`m ≥ n`) by Householder reflections, in float64 on the CPU:
 * `Orthogonal` draws its matrix in JavaScript anyway, and this is faster and more accurate than a decomposition
 * built from tensor ops.
 *
 * @param a the matrix, row-major, `m * n` values
 * @returns `q` (`m × n`, row-major, orthonormal columns) and `rDiag` (the diagonal of `R`, so `A = Q R`)
 *
 * @example
 * const { q, rDiag } = thinQr(Float64Array.from([3, 1, 4, 1, 5, 9]), 3, 2);
 */
export function thinQr(a: ArrayLike<number>, m: number, n: number): { q: Float64Array; rDiag: Float64Array } {
  if (m < n) throw new Error(`thinQr expects at least as many rows as columns; received ${m} × ${n}.`);
  // Column-major working copy, so every column is contiguous.
  const w = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) w[j * m + i] = a[i * n + j]!;
  const vs = new Float64Array(m * n); // Householder vector k lives in vs[k*m + k .. k*m + m)
  const rDiag = new Float64Array(n);

  for (let k = 0; k < n; k++) {
    const col = k * m;
    let norm2 = 0;
    for (let i = k; i < m; i++) norm2 += w[col + i]! * w[col + i]!;
    const norm = Math.sqrt(norm2);
    const x0 = w[col + k]!;
    const alpha = x0 >= 0 ? -norm : norm;
    rDiag[k] = alpha;
    // v = x − alpha·e1, normalised; H = I − 2 v vᵀ maps x to alpha·e1.
    let vNorm2 = 0;
    for (let i = k; i < m; i++) {
      const v = i === k ? x0 - alpha : w[col + i]!;
      vs[col + i] = v;
      vNorm2 += v * v;
    }
    if (vNorm2 === 0) continue;
    const inv = 1 / Math.sqrt(vNorm2);
    for (let i = k; i < m; i++) vs[col + i]! *= inv;
    for (let j = k + 1; j < n; j++) {
      const cj = j * m;
      let dot = 0;
      for (let i = k; i < m; i++) dot += vs[col + i]! * w[cj + i]!;
      dot *= 2;
      for (let i = k; i < m; i++) w[cj + i]! -= dot * vs[col + i]!;
    }
  }

  // Q = H_0 H_1 … H_{n−1} applied to the first n columns of the identity (column-major, then transposed out).
  // Applying the reflectors from the last one back, columns j < k are still e_j, which H_k leaves alone.
  const qc = new Float64Array(m * n);
  for (let j = 0; j < n; j++) qc[j * m + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const col = k * m;
    for (let j = k; j < n; j++) {
      const cj = j * m;
      let dot = 0;
      for (let i = k; i < m; i++) dot += vs[col + i]! * qc[cj + i]!;
      if (dot === 0) continue;
      dot *= 2;
      for (let i = k; i < m; i++) qc[cj + i]! -= dot * vs[col + i]!;
    }
  }
  const q = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) q[i * n + j] = qc[j * m + i]!;
  return { q, rDiag };
}
