// Settings → the runner's command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildRunArgs, compactLines, resolvePathSetting, type RunSettings } from '../../client/run/cliArgs';

const defaults: RunSettings = {
  voice: '', executionProvider: 'auto', workers: 0, timeoutSeconds: 0, seed: 42, sampleRate: 24000,
  outputFolder: '', autoSplitLongText: false, profile: 'auto', audioRoot: '',
};
const ws = path.resolve('/ws');
const taskFile = path.join(ws, 'batches', 'tasks.jsonl');

test('defaults: JSON events, the workspace as audio root, seed and rate, nothing else', () => {
  assert.deepEqual(buildRunArgs('/ext/dist/cli.js', defaults, { taskFile, workspaceFolder: ws }, { kind: 'all' }), [
    '/ext/dist/cli.js', 'run', taskFile, '--format', 'json', '--audio-root', ws, '--seed', '42', '--sample-rate', '24000',
  ]);
});

test('every run setting reaches its flag, paths resolved against the workspace', () => {
  const args = buildRunArgs('cli.js', {
    ...defaults, voice: 'voices/en.onnx', executionProvider: 'cuda', workers: 2, timeoutSeconds: 90, seed: 7, sampleRate: 22050,
    outputFolder: '${fileDirname}/wav', autoSplitLongText: true, profile: 'glm-tts', audioRoot: 'GLM-TTS',
  }, { taskFile, workspaceFolder: ws }, { kind: 'retry-failed' });
  const flag = (name: string) => args[args.indexOf(name) + 1];
  assert.equal(flag('--voice'), path.join(ws, 'voices', 'en.onnx'));
  assert.equal(flag('--out'), path.join(ws, 'batches', 'wav'));
  assert.equal(flag('--audio-root'), path.join(ws, 'GLM-TTS'));
  assert.equal(flag('--profile'), 'glm-tts');
  assert.equal(flag('--ep'), 'cuda');
  assert.equal(flag('--workers'), '2');
  assert.equal(flag('--timeout'), '90');
  assert.equal(flag('--seed'), '7');
  assert.equal(flag('--sample-rate'), '22050');
  assert.ok(args.includes('--auto-split'));
  assert.ok(args.includes('--retry-failed'));
});

test('retrying lines names them compactly', () => {
  const args = buildRunArgs('cli.js', defaults, { taskFile }, { kind: 'lines', lines: [9, 3, 4, 5, 17, 4] });
  assert.equal(args[args.indexOf('--only-lines') + 1], '3-5,9,17');
  assert.equal(compactLines([]), '');
  // Without a workspace folder, relative paths resolve next to the task file and no audio root is forced.
  assert.ok(!args.includes('--audio-root'));
});

test('path settings: ~, variables, absolute', () => {
  assert.equal(resolvePathSetting('~/voices/a.onnx', { taskFile }), path.join(os.homedir(), 'voices', 'a.onnx'));
  assert.equal(resolvePathSetting('${workspaceFolder}/out/${fileBasenameNoExtension}', { taskFile, workspaceFolder: ws }), path.join(ws, 'out', 'tasks'));
  assert.equal(resolvePathSetting('  ', { taskFile }), undefined);
  assert.equal(resolvePathSetting(path.resolve('/abs/x'), { taskFile }), path.resolve('/abs/x'));
});
