// Every string the client shows has a Simplified Chinese translation, and every %key% of the manifest has an
// English and a Chinese text: a missing one would show the raw key or English to zh-cn users.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './repoRoot';
import { progressMessage, summaryMessage, untranslated, type Translate } from '../../client/run/format';

function clientSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return clientSources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

test('every vscode.l10n.t / t(...) message of the client is in bundle.l10n.zh-cn.json', () => {
  const root = repoRoot();
  const zh = JSON.parse(fs.readFileSync(path.join(root, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  const used = new Set<string>();
  for (const file of clientSources(path.join(root, 'client'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?<![\w.])(?:t|vscode\.l10n\.t)\(\s*'((?:[^'\\]|\\.)*)'/g)) used.add(m[1].replace(/\\'/g, "'"));
  }
  assert.ok(used.size > 50, `found only ${used.size} messages: is the pattern still right?`);
  const missing = [...used].filter((k) => !(k in zh));
  assert.deepEqual(missing, []);
  assert.deepEqual(Object.keys(zh).filter((k) => !used.has(k)), [], 'translations nobody uses any more');
  for (const [k, v] of Object.entries(zh)) {
    const placeholders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort().join();
    assert.equal(placeholders(v), placeholders(k), `placeholders differ in the translation of "${k}"`);
    assert.match(v, /[\u4e00-\u9fff]|^[▶↻\s{}\d]+/, `"${k}" is not translated`);
  }
});

test('every %key% of package.json has English and Simplified Chinese text', () => {
  const root = repoRoot();
  const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
  const en = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const zh = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
  const keys = [...manifest.matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length > 20);
  assert.deepEqual(keys.filter((k) => !(k in en)), []);
  assert.deepEqual(keys.filter((k) => !(k in zh)), []);
  assert.deepEqual(Object.keys(en).sort(), Object.keys(zh).sort());
});

test('the manifest keeps the command titles the end-to-end test and users look for', () => {
  const root = repoRoot();
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const en = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const titles = (pkg.contributes.commands as Array<{ title: string; category: string }>).map(
    (c) => `${en[c.category.slice(1, -1)]}: ${en[c.title.slice(1, -1)]}`,
  );
  for (const want of ['TTS Batch: Run Batch', 'TTS Batch: Retry Failed Tasks', 'TTS Batch: Write Failed Tasks to New File', 'TTS Batch: Open Output Folder', 'TTS Batch: Link Log to Tasks']) {
    assert.ok(titles.includes(want), `missing command "${want}"`);
  }
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('ttsBatch.run.voice'));
});

test('the run progress and summary read naturally in Simplified Chinese', () => {
  const zh = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  // What vscode.l10n.t does with a bundle: look the message up, then fill {0}, {1}, ...
  const t: Translate = (message, ...args) => untranslated(zh[message] ?? message, ...args);
  assert.equal(progressMessage(t, { done: 16, total: 50, failed: 2, elapsedSeconds: 30, etaSeconds: 70 }), '任务 17/50 · 2 个失败 · 预计剩余 1 分钟');
  assert.equal(progressMessage(untranslated, { done: 16, total: 50, failed: 2, elapsedSeconds: 30, etaSeconds: 70 }), 'Task 17/50 · 2 failed · ETA 1 min');
  assert.equal(
    summaryMessage(t, { type: 'batch-finished', time: '', succeeded: 48, failed: 2, skipped: 0, cancelled: 0, total: 50, failedLines: [3, 9], logFile: '', journalFile: '' }),
    '批量任务完成：48/50 个任务成功。2 个失败。',
  );
});
