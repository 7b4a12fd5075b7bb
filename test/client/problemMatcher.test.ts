// The `$tts-batch` problem matcher of the manifest against the runner's real text output (what a tasks.json
// task shows in the terminal): every failure becomes a problem on its task line, successes do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildRunArgs } from '../../client/run/cliArgs';
import { distDir, repoRoot } from './repoRoot';
import { makeTaskFolder } from './taskFolder';

interface Matcher {
  name: string;
  source: string;
  pattern: { regexp: string; severity: number; message: number; file: number; line: number };
}

test('the $tts-batch problem matcher reads the failures of a real text-mode run', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8'));
  const matcher = (pkg.contributes.problemMatchers as Matcher[]).find((m) => m.name === 'tts-batch');
  assert.ok(matcher, 'the manifest contributes $tts-batch');
  assert.equal(pkg.contributes.taskDefinitions[0].type, 'tts-batch');
  const re = new RegExp(matcher.pattern.regexp);

  const f = makeTaskFolder();
  try {
    const args = buildRunArgs(path.join(distDir(), 'cli.js'), {
      voice: '', executionProvider: 'cpu', workers: 1, timeoutSeconds: 0, seed: 42, sampleRate: 24000,
      outputFolder: '', autoSplitLongText: false, profile: 'auto', audioRoot: '',
    }, { taskFile: 'tasks.jsonl', workspaceFolder: f.dir }, { kind: 'all' }, 'text');
    const r = spawnSync(process.execPath, args, { cwd: f.dir, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    const found = r.stdout.split('\n').map((l) => re.exec(l)).filter((m): m is RegExpExecArray => !!m);
    const problems = found.map((m) => ({
      severity: m[matcher.pattern.severity],
      file: m[matcher.pattern.file],
      line: Number(m[matcher.pattern.line]),
      message: m[matcher.pattern.message],
    }));
    assert.deepEqual(problems.map((p) => [p.file, p.line, p.severity]), [['tasks.jsonl', 2, 'failed'], ['tasks.jsonl', 3, 'failed']], r.stdout);
    assert.match(problems[0].message, /missing\.wav/);
    // The file named is relative to where the task ran: the matcher's fileLocation resolves it from the workspace folder.
    assert.ok(fs.existsSync(path.join(f.dir, problems[0].file)));
  } finally {
    f.cleanup();
  }
});
