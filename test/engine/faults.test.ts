// How the parent sees a worker fail: error replies keep their kind, crashes and memory blow-ups become
// 'crashed' / 'out-of-memory', a blocked event loop stops heartbeats, a hung promise does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { EngineError, EngineWorker, type ExitInfo } from '../../inference/engine/workerClient';
import { fixtureVoice, tempDir, workerPath } from './helpers/paths';

const start = (name: string, extra: Partial<Parameters<typeof EngineWorker.start>[0]> = {}) =>
  EngineWorker.start({ workerPath: workerPath(), voice: { kind: 'module', modulePath: fixtureVoice(name) }, ep: 'cpu', ...extra });

const task = (dir: string, text: string) => ({ text, seed: 1, sampleRate: 16000, outputPath: path.join(dir, 'out.wav') });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a module voice runs through the worker; its errors keep their kind and the worker lives on', async (t) => {
  const dir = tempDir(t);
  const w = await start('tone');
  t.after(() => w.shutdown());
  assert.equal(w.ready.provider, 'none');
  assert.equal(w.ready.voice.name, 'fixture tone voice');
  const ok = await w.synthesize(task(dir, 'hello'));
  assert.equal(ok.sampleRate, 16000);
  await assert.rejects(w.synthesize(task(dir, 'please FAIL')), (e: EngineError) => e.kind === 'model-error' && /FAIL/.test(e.message));
  await assert.rejects(w.synthesize(task(dir, 'BADIN')), (e: EngineError) => e.kind === 'invalid-input');
  assert.equal((await w.synthesize(task(dir, 'again'))).type, 'result');
});

test('requests sent ahead run in order; one task\'s WAV is finished while the next is rendered', async (t) => {
  const dir = tempDir(t);
  const w = await start('tone');
  t.after(() => w.shutdown());
  const events: string[] = [];
  const at: Record<string, number> = {};
  const send = (name: string, text: string) =>
    w
      .synthesize({ ...task(dir, text), outputPath: path.join(dir, `${name}.wav`) }, { onStart: () => events.push(`start ${name}`) })
      .then((r) => {
        events.push(`result ${name}`);
        at[name] = performance.now();
        return r;
      });
  // a is quick; b takes 1.5 s (yielding): a's result must come back while b is still being rendered.
  const [a, b, c] = await Promise.all([send('a', 'first'), send('b', 'SLOW second'), send('c', 'third')]);
  assert.deepEqual(events, ['start a', 'start b', 'result a', 'start c', 'result b', 'result c']);
  assert.ok(at.b - at.a > 1000, `a's result came ${Math.round(at.b - at.a)} ms before b's, not after it`);
  for (const r of [a, b, c]) assert.ok(fs.statSync(r.outputPath).size > 44);
  assert.equal(w.inFlight, 0);
});

test('pipelined requests give the same bytes as one at a time', async (t) => {
  const dir = tempDir(t);
  const w = await start('tone');
  t.after(() => w.shutdown());
  const texts = ['one', 'two two', 'three three three', 'four'];
  const serial: string[] = [];
  for (const [i, text] of texts.entries()) serial.push((await w.synthesize({ ...task(dir, text), seed: i, outputPath: path.join(dir, `s${i}.wav`) })).sha256);
  const piped = await Promise.all(texts.map((text, i) => w.synthesize({ ...task(dir, text), seed: i, outputPath: path.join(dir, `p${i}.wav`) })));
  assert.deepEqual(piped.map((r) => r.sha256), serial);
  texts.forEach((_, i) => assert.deepEqual(fs.readFileSync(path.join(dir, `p${i}.wav`)), fs.readFileSync(path.join(dir, `s${i}.wav`))));
});

test('a crash is blamed on the request being rendered; those sent after it are marked collateral', async (t) => {
  const dir = tempDir(t);
  const w = await start('crash');
  const first = w.synthesize({ ...task(dir, 'fine'), outputPath: path.join(dir, 'first.wav') }).then(
    () => 'result',
    (e: EngineError) => (e.collateral ? 'collateral' : 'blamed'),
  );
  const crash = w.synthesize(task(dir, 'CRASH now'));
  const after = w.synthesize(task(dir, 'after'));
  await assert.rejects(crash, (e: EngineError) => e.kind === 'crashed' && !e.collateral && /SIGABRT/.test(e.message));
  await assert.rejects(after, (e: EngineError) => e.kind === 'crashed' && e.collateral && /another task/.test(e.message));
  // The first may have been delivered before the crash or lost with it, but never blamed for it.
  assert.notEqual(await first, 'blamed');
});

test('a crash mid-synthesis rejects with kind crashed and reports the signal', async (t) => {
  const dir = tempDir(t);
  const w = await start('crash');
  const exits: ExitInfo[] = [];
  w.on('exit', (i) => exits.push(i));
  await assert.rejects(w.synthesize(task(dir, 'CRASH now')), (e: EngineError) => e.kind === 'crashed' && /SIGABRT/.test(e.message));
  assert.equal(exits.length, 1);
  assert.equal(exits[0].signal, 'SIGABRT');
  assert.equal(w.alive, false);
  // Sent to a worker already gone: never reached it, so it is not to blame.
  await assert.rejects(w.synthesize(task(dir, 'after')), (e: EngineError) => e.kind === 'crashed' && e.collateral);
  const w2 = await start('crash');
  t.after(() => w2.shutdown());
  await assert.rejects(w2.synthesize(task(dir, 'EXIT')), (e: EngineError) => e.kind === 'crashed' && /exit code 3/.test(e.message));
});

test('unbounded allocation ends as out-of-memory under a heap limit', async (t) => {
  const dir = tempDir(t);
  const w = await start('oom', { maxHeapMb: 96 });
  t.after(() => w.kill());
  await assert.rejects(w.synthesize(task(dir, 'OOM')), (e: EngineError) => e.kind === 'out-of-memory' && /heap/i.test(e.message));
  assert.ok(!fs.existsSync(path.join(dir, 'out.wav')));
});

test('a blocked event loop stops heartbeats; a hung promise keeps them; kill ends both', async (t) => {
  const dir = tempDir(t);
  const w = await start('hang', { heartbeatMs: 25 });
  t.after(() => w.kill());
  let beats = 0;
  w.on('heartbeat', (m) => m.id !== undefined && beats++);
  const hung = w.synthesize(task(dir, 'HANG'));
  await sleep(400);
  assert.ok(beats >= 5, `${beats} heartbeats while hung`);
  w.kill();
  await assert.rejects(hung, (e: EngineError) => e.kind === 'crashed' && /stopped by the parent/.test(e.message));

  const s = await start('hang', { heartbeatMs: 25 });
  t.after(() => s.kill());
  let silentBeats = 0;
  s.on('heartbeat', (m) => m.id !== undefined && silentBeats++);
  const silent = s.synthesize(task(dir, 'SILENT'));
  await sleep(400);
  assert.equal(silentBeats, 0);
  s.kill();
  await assert.rejects(silent, (e: EngineError) => e.kind === 'crashed');
});

/** Running and not a zombie (an orphan's zombie may wait for a reaper that never comes in a container). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

test('a worker stuck in a blocking call ends by itself when its parent is killed -9', { skip: process.platform !== 'linux' && 'reads /proc' }, async (t) => {
  const dir = tempDir(t);
  // A parent that forks the worker and starts a task that blocks the worker's main thread for good.
  const parentScript = `
    const { fork } = require('node:child_process');
    const w = fork(${JSON.stringify(workerPath())}, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    w.on('message', (m) => {
      if (m.type === 'ready') w.send({ type: 'synthesize', id: 1, task: { text: 'SILENT', seed: 1, sampleRate: 16000, outputPath: ${JSON.stringify(path.join(dir, 'x.wav'))} } });
      if (m.type === 'started') console.log(w.pid);
    });
    w.send({ type: 'load', voice: { kind: 'module', modulePath: ${JSON.stringify(fixtureVoice('hang'))} }, ep: 'cpu' });
  `;
  const parent = spawn(process.execPath, ['-e', parentScript], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => parent.kill('SIGKILL'));
  const pid = await new Promise<number>((resolve, reject) => {
    parent.stdout!.setEncoding('utf8');
    parent.stdout!.once('data', (d: string) => resolve(Number(d.trim())));
    parent.once('exit', () => reject(new Error('the parent ended before the worker started the task')));
  });
  t.after(() => {
    if (running(pid)) process.kill(pid, 'SIGKILL');
  });
  await sleep(300);
  assert.ok(running(pid), 'the worker is in its blocking call');
  parent.kill('SIGKILL');
  const killedAt = Date.now();
  while (running(pid) && Date.now() - killedAt < 5000) await sleep(50);
  assert.ok(!running(pid), 'the orphaned worker ended');
  assert.ok(Date.now() - killedAt < 2000, `it ended ${Date.now() - killedAt} ms after its parent`);
});

test('voice modules that cannot load are refused with a reason', async (t) => {
  const dir = tempDir(t);
  await assert.rejects(start('tone', { voice: { kind: 'module', modulePath: fixtureVoice('tone'), options: { loadFail: true } } }), (e: EngineError) => e.kind === 'load-failed' && /loadFail/.test(e.message));
  const bad = path.join(dir, 'bad.js');
  fs.writeFileSync(bad, 'exports.nothing = 1;');
  await assert.rejects(start('tone', { voice: { kind: 'module', modulePath: bad } }), /must export a function load/);
  await assert.rejects(start('tone', { voice: { kind: 'module', modulePath: path.join(dir, 'missing.js') } }), /voice module not found/);
  const syntax = path.join(dir, 'syntax.js');
  fs.writeFileSync(syntax, 'exports.load = (;');
  await assert.rejects(start('tone', { voice: { kind: 'module', modulePath: syntax } }), /failed to load/);
  await assert.rejects(EngineWorker.start({ workerPath: path.join(dir, 'nope.js'), voice: { kind: 'builtin' }, ep: 'cpu' }), /worker not found/);
});

test('shutdown ends the process cleanly', async () => {
  const w = await start('tone');
  const exit = new Promise<ExitInfo>((r) => w.on('exit', r));
  await w.shutdown();
  const info = await exit;
  assert.equal(info.code, 0);
  assert.equal(w.alive, false);
});
