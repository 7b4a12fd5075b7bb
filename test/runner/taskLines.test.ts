// The planner and the runner must number lines exactly as readline (and the editor) do: task N is line N. The
// chunked reader is checked against readline on files whose line breaks, multi-byte characters and invalid bytes
// fall on and around its read boundaries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import * as path from 'node:path';
import { readTaskLineBatches, readTaskLines } from '../../inference/runner/taskLines';
import { tempDir } from './helpers';

async function byReadline(file: string): Promise<string[]> {
  const input = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 });
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  const out: string[] = [];
  for await (const text of rl) out.push(text);
  return out;
}

async function byBatches(file: string, chunkBytes: number): Promise<string[]> {
  const out: string[] = [];
  for await (const { first, texts } of readTaskLineBatches(file, chunkBytes)) {
    assert.equal(first, out.length + 1, 'batches number lines without gaps');
    out.push(...texts);
  }
  return out;
}

// A small deterministic generator: the same "random" files on every run.
function pseudoRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const pieces = ['{"input_text": "a"}', 'x', 'é', '中文', '😀', '\n', '\r\n', '\r', '\r\r\n', '\n\n', ' ', '\ufeff', '\u2028'];

test('lines break exactly where readline breaks them, whatever falls on a read boundary', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'tasks.jsonl');
  const rand = pseudoRandom(7);
  const cases: Buffer[] = [
    Buffer.from(''),
    Buffer.from('\n'),
    Buffer.from('\r'),
    Buffer.from('a\r'),
    Buffer.from('a\r\n'),
    Buffer.from('a\n\nb'),
    Buffer.from('a\r\rb\r\n\r\n'),
    Buffer.from([0x61, 0xff, 0xfe, 0x0a, 0xe4, 0xb8, 0x0a, 0x62]), // invalid and cut UTF-8
    Buffer.from([0x61, 0x0a, 0xf0, 0x9f, 0x98]), // a character cut by the end of the file
  ];
  for (let k = 0; k < 60; k++) {
    let s = '';
    const n = 1 + Math.floor(rand() * 400);
    for (let i = 0; i < n; i++) s += pieces[Math.floor(rand() * pieces.length)];
    cases.push(Buffer.from(s));
  }
  for (const [i, content] of cases.entries()) {
    fs.writeFileSync(file, content);
    const expected = await byReadline(file);
    for (const chunk of [1, 2, 3, 5, 64, 1 << 16]) {
      assert.deepEqual(await byBatches(file, chunk), expected, `case ${i} (${JSON.stringify(content.toString('latin1').slice(0, 60))}), ${chunk}-byte reads`);
    }
    const lines: string[] = [];
    for await (const { line, text } of readTaskLines(file)) {
      assert.equal(line, lines.length + 1);
      lines.push(text);
    }
    assert.deepEqual(lines, expected);
  }
});

test('a 6 MB file with 300 KB lines and CRLF breaks reads in batches, line numbers continuous', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'tasks.jsonl');
  const long = 'y'.repeat(300_000);
  const lines = Array.from({ length: 2000 }, (_, i) => (i % 100 === 0 ? `{"input_text": "${long}"}` : `{"input_text": "Task ${i + 1}, é中😀"}`));
  fs.writeFileSync(file, lines.join('\r\n'));
  assert.deepEqual(await byBatches(file, 1 << 16), lines);
});
