import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultAllowSpinning } from '../../inference/engine/onnxSession';

test('thread spinning is off on small machines and for a single-thread pool, on where cores are to spare', () => {
  assert.equal(defaultAllowSpinning(1, 64), false, 'one thread: there is no pool thread to spin');
  assert.equal(defaultAllowSpinning(2, 2), false, '2 cores, 2 threads: spinning starves the WAV writing');
  assert.equal(defaultAllowSpinning(4, 8), false);
  assert.equal(defaultAllowSpinning(4, 16), true, '16 idle cores, 4 threads: spinning shortens hand-offs');
  assert.equal(defaultAllowSpinning(8, 16), false);
});
