// Random ops inside a model are replaced by noise derived from the seed: same seed → same numbers in any
// session or process, another seed → other numbers, with the distribution the op asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { GraphBuilder, encodeModel } from '../../inference/engine/onnx/graph';
import { SEED_INPUT, seedRandomOps } from '../../inference/engine/onnx/seedNoise';

function randomModel(): Uint8Array {
  const b = new GraphBuilder('r');
  const x = b.input('x', 'float', ['n']);
  b.output('normal', 'float', ['n']);
  b.output('uniform', 'float', ['n']);
  b.output('fixed', 'float', [2, 3]);
  b.op('RandomNormalLike', [x], { mean: { float: 2 }, scale: { float: 3 } }, 'normal');
  b.op('RandomUniformLike', [x], { low: { float: -1 }, high: { float: 5 } }, 'uniform');
  b.op('RandomNormal', [], { shape: [2, 3], dtype: 1 }, 'fixed');
  return encodeModel(b.graph('random'), { opset: 15, producer: 'test' });
}

async function draw(bytes: Uint8Array, seed: number, n = 20000) {
  const s = await ort.InferenceSession.create(bytes);
  const out = await s.run({ x: new ort.Tensor('float32', new Float32Array(n), [n]), [SEED_INPUT]: new ort.Tensor('int64', BigInt64Array.of(BigInt(seed)), [1]) });
  await s.release();
  return { normal: out.normal.data as Float32Array, uniform: out.uniform.data as Float32Array, fixed: out.fixed };
}

test('random ops become a seed input; same seed → same numbers across sessions', async () => {
  const rw = seedRandomOps(randomModel());
  assert.equal(rw.replaced, 3);
  assert.deepEqual(rw.problems, []);
  const a = await draw(rw.bytes, 7);
  const b = await draw(rw.bytes, 7);
  const c = await draw(rw.bytes, 8);
  assert.deepEqual(a.normal, b.normal);
  assert.deepEqual(a.uniform, b.uniform);
  assert.notDeepEqual(a.normal, c.normal);
  assert.deepEqual(a.fixed.dims, [2, 3]);
});

test('the replacement keeps the distributions (mean, spread, range, no obvious correlation)', async () => {
  const { normal, uniform } = await draw(seedRandomOps(randomModel()).bytes, 12345);
  const mean = (x: Float32Array) => x.reduce((s, v) => s + v, 0) / x.length;
  const m = mean(normal);
  const sd = Math.sqrt(normal.reduce((s, v) => s + (v - m) ** 2, 0) / normal.length);
  assert.ok(Math.abs(m - 2) < 0.1, `normal mean ${m}`);
  assert.ok(Math.abs(sd - 3) < 0.1, `normal sd ${sd}`);
  assert.ok(uniform.every((v) => v >= -1 && v <= 5));
  assert.ok(Math.abs(mean(uniform) - 2) < 0.1, `uniform mean ${mean(uniform)}`);
  // Neighbouring elements are not correlated (lag-1 autocorrelation near zero).
  let num = 0;
  let den = 0;
  for (let i = 1; i < normal.length; i++) num += (normal[i] - m) * (normal[i - 1] - m);
  for (let i = 0; i < normal.length; i++) den += (normal[i] - m) ** 2;
  assert.ok(Math.abs(num / den) < 0.03, `lag-1 correlation ${num / den}`);
  // Ten equal bins of the uniform draw are each near 10 %.
  const bins = new Array(10).fill(0);
  for (const v of uniform) bins[Math.min(9, Math.floor(((v + 1) / 6) * 10))]++;
  for (const count of bins) assert.ok(Math.abs(count / uniform.length - 0.1) < 0.015, `bins ${bins}`);
});

test('models without random ops are left byte-identical', () => {
  const b = new GraphBuilder('d');
  const x = b.input('x', 'float', ['n']);
  b.output('y', 'float', ['n']);
  b.op('Neg', [x], {}, 'y');
  const bytes = encodeModel(b.graph('plain'), { opset: 15, producer: 'test' });
  const rw = seedRandomOps(bytes);
  assert.equal(rw.replaced, 0);
  assert.equal(rw.bytes, bytes);
});
