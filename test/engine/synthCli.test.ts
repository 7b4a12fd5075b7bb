// `tts-batch synth` as users run it: the real CLI bundle, a real worker, files in a temp folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { harmonicSignal, readWav, writeWav } from './helpers/audio';
import { cliPath, tempDir } from './helpers/paths';
import { buildTestVoice, writeVoice } from './helpers/piperModels';

function synth(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cliPath(), 'synth', ...args], { cwd, encoding: 'utf8', timeout: 120000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('synth writes a WAV and prints provider, voice, duration and real-time factor', (t) => {
  const dir = tempDir(t);
  const prompt = writeWav(path.join(dir, 'prompt.wav'), harmonicSignal(180, 1, 16000), 16000);
  const r = synth(['--text', '你好，世界。Hello.', '--prompt', 'prompt.wav', '--seed', '7', '--ep', 'cpu', '--out', 'out.wav'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^voice: built-in demo voice \(tones, not words\), 22050 Hz$/m);
  assert.match(r.stdout, /^provider: cpu, \d+ thread\(s\)$/m);
  assert.match(r.stdout, /wrote .*out\.wav: \d+\.\d\d s at 24000 Hz, 1 segment\(s\)/);
  assert.match(r.stdout, /real-time factor \d+\.\d+/);
  const wav = readWav(path.join(dir, 'out.wav'));
  assert.equal(wav.sampleRate, 24000);
  assert.ok(fs.existsSync(prompt));
  assert.deepEqual(fs.readdirSync(dir).sort(), ['out.wav', 'prompt.wav'], 'no partial files left');
});

test('json output, a Piper voice with a speaker, another sample rate', (t) => {
  const dir = tempDir(t);
  writeVoice(dir, 'multi', buildTestVoice({ speakers: 2 }));
  const r = synth(['--text', 'hello', '--voice', 'multi.onnx', '--speaker', 'speaker1', '--sample-rate', '16000', '--ep', 'cpu', '--format', 'json', '--out', 'p.wav'], dir);
  assert.equal(r.code, 0, r.stderr);
  const result = JSON.parse(r.stdout);
  assert.equal(result.ok, true);
  assert.equal(result.provider, 'cpu');
  assert.equal(result.voice.name, 'multi');
  assert.equal(result.sampleRate, 16000);
  assert.ok(result.rtf > 0);
  assert.equal(readWav(path.join(dir, 'p.wav')).sampleRate, 16000);
});

test('usage errors exit 2 and say what is wrong', (t) => {
  const dir = tempDir(t);
  const cases: Array<[string[], RegExp]> = [
    [['--out', 'x.wav'], /--text is required/],
    [['--text', 'hi'], /--out FILE\.wav is required/],
    [['--text', 'hi', '--out', 'x.wav', '--ep', 'tpu'], /--ep must be auto, cpu or cuda/],
    [['--text', 'hi', '--out', 'x.wav', '--seed', 'abc'], /--seed must be an integer/],
    [['--text', 'hi', '--out', 'x.wav', '--prompt', 'missing.wav'], /--prompt not found/],
    [['--text', 'hi', '--out', 'x.wav', '--bogus'], /Unknown option '--bogus'/],
  ];
  for (const [args, message] of cases) {
    const r = synth(args, dir);
    assert.equal(r.code, 2, `${args.join(' ')} → ${r.code}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
  assert.equal(synth(['--help'], dir).code, 0);
  assert.deepEqual(fs.readdirSync(dir), []);
});

test('a synthesis failure exits 1 and leaves no file: cuda without CUDA, or a broken voice', (t) => {
  const dir = tempDir(t);
  fs.writeFileSync(path.join(dir, 'broken.onnx'), 'not a model');
  fs.writeFileSync(path.join(dir, 'broken.onnx.json'), JSON.stringify(buildTestVoice().config));
  const broken = synth(['--text', 'hi', '--voice', 'broken.onnx', '--out', 'x.wav', '--ep', 'cpu'], dir);
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /load-failed: .*broken\.onnx/);
  const cuda = synth(['--text', 'hi', '--ep', 'cuda', '--out', 'y.wav'], dir);
  if (cuda.code === 0) {
    assert.match(cuda.stdout, /^provider: cuda/m, 'a machine with CUDA must say so');
  } else {
    assert.equal(cuda.code, 1);
    assert.match(cuda.stderr, /CUDA was requested but cannot be used/);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['broken.onnx', 'broken.onnx.json']);
  }
});
