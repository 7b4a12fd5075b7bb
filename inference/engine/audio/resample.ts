// Band-limited sample-rate conversion: a Kaiser-windowed sinc low-pass evaluated polyphase at the exact
// rational position of every output sample (L/M = outRate/inRate reduced). The cutoff sits just below the
// lower of the two Nyquist frequencies, so downsampling does not alias and upsampling does not image.
// Deterministic: the same input gives the same output bit for bit.

/** Zero crossings of the sinc on each side (of the lower rate): the filter length, i.e. its steepness. */
const HALF_ZEROS = 24;
/** Kaiser beta ≈ 8.6: about 90 dB stop-band attenuation. */
const KAISER_BETA = 8.6;
/** Fraction of the lower Nyquist frequency kept: the transition band lies between this and 1. */
const PASSBAND = 0.94;
/** Above this many phases the table would be large; coefficients are computed per sample instead. */
const MAX_TABLE_PHASES = 4096;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Modified Bessel function of the first kind, order 0 (series), for the Kaiser window. */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 50; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

interface Kernel {
  /** Half-width in input samples. */
  halfWidth: number;
  /** Cutoff as a fraction of the input sample rate (cycles per input sample). */
  cutoff: number;
  i0Beta: number;
}

function tap(k: Kernel, x: number): number {
  // x: distance in input samples between the output position and an input sample.
  const r = x / k.halfWidth;
  if (r <= -1 || r >= 1) return 0;
  const w = besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / k.i0Beta;
  const arg = 2 * k.cutoff * x;
  const sinc = arg === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
  return 2 * k.cutoff * sinc * w;
}

export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (!Number.isInteger(fromRate) || !Number.isInteger(toRate) || fromRate <= 0 || toRate <= 0) {
    throw new RangeError(`sample rates must be positive integers (got ${fromRate} → ${toRate})`);
  }
  if (fromRate === toRate) return input.slice();
  const g = gcd(fromRate, toRate);
  const L = toRate / g; // up
  const M = fromRate / g; // down
  const ratio = toRate / fromRate;
  const cutoff = 0.5 * PASSBAND * Math.min(1, ratio); // cycles per input sample
  // HALF_ZEROS zero crossings of the sinc on each side: the sinc's zeros are 1/(2·cutoff) input samples apart.
  const kernel: Kernel = { halfWidth: HALF_ZEROS / (2 * cutoff), cutoff, i0Beta: besselI0(KAISER_BETA) };
  const span = Math.ceil(kernel.halfWidth);
  const taps = 2 * span + 1;
  const outLength = Math.floor((input.length * L) / M);
  const out = new Float32Array(outLength);

  // Output n sits at input position n*M/L = base + phase/L.
  let table: Float64Array | undefined;
  if (L <= MAX_TABLE_PHASES) {
    table = new Float64Array(L * taps);
    for (let p = 0; p < L; p++) {
      const frac = p / L;
      let sum = 0;
      for (let j = 0; j < taps; j++) {
        const v = tap(kernel, frac - (j - span));
        table[p * taps + j] = v;
        sum += v;
      }
      // Normalise each phase to unit DC gain: no ripple from the truncated kernel on constant signals.
      for (let j = 0; j < taps; j++) table[p * taps + j] /= sum;
    }
  }
  // Zero padding on both sides: the inner loop needs no bounds checks.
  const padded = new Float32Array(input.length + 2 * span + 2);
  padded.set(input, span);
  const coeffs = new Float64Array(taps);
  for (let n = 0; n < outLength; n++) {
    const num = n * M;
    const base = Math.floor(num / L);
    const phase = num - base * L;
    let c: Float64Array;
    let offset = 0;
    if (table) {
      c = table;
      offset = phase * taps;
    } else {
      const frac = phase / L;
      let sum = 0;
      for (let j = 0; j < taps; j++) {
        coeffs[j] = tap(kernel, frac - (j - span));
        sum += coeffs[j];
      }
      for (let j = 0; j < taps; j++) coeffs[j] /= sum;
      c = coeffs;
    }
    // padded[base + j] is input[base - span + j].
    let acc = 0;
    for (let j = 0; j < taps; j++) acc += c[offset + j] * padded[base + j];
    out[n] = acc;
  }
  return out;
}
