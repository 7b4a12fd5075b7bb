// `tts-batch validate` as a real process: exit codes, the text format (file:line:column: severity code
// message) and the JSON contract, on a file that breaks every rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { project, task } from '../core/helpers';

const dist = process.env.TTS_BATCH_DIST ?? path.resolve(__dirname, '../../../dist');
const cli = path.join(dist, 'cli.js');

function run(args: string[], cwd: string, env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, 'validate', ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C', TTS_BATCH_LOCALE: '', ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonProblem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

const p = project();
p.wav('prompts/ok.wav', 5);
p.wav('prompts/Audio3.WAV', 5);
p.wav('prompts/short.wav', 1);
p.wav('prompts/long.wav', 20);
p.wav('prompts/huge.wav', 31, 16000);
p.wav('prompts/low.wav', 5, 8000);
p.wav('My Voices/v 1.wav', 5);
p.wav('声音/a.wav', 5);
p.write('prompts/text.wav', 'not audio');
fs.mkdirSync(path.join(p.dir, 'prompts/dir.wav'));
test.after(() => p.cleanup());

// One line per rule; `expect` is [line, column, code] with 1-based positions as the CLI prints them.
const lines: string[] = [];
const expect: Array<[number, number, string]> = [];
function add(line: string, ...found: Array<[number, string]>): void {
  lines.push(line);
  for (const [col, code] of found) expect.push([lines.length, col, code]);
}
const col = (line: string, needle: string): number => line.indexOf(needle) + 1;

add(task({ output_name: 'first' }));
const l2 = '{"prompt_audio": "prompts/ok.wav" "input_text": "缺逗号。"}';
add(l2, [col(l2, '"input_text"'), 'invalid-json']);
const l3 = `${task({ output_name: 'tc' })},`;
add(l3, [l3.length, 'trailing-comma']);
add('{"prompt_audio": "prompts/ok.wav",', [1, 'multi-line-object']);
add(' "prompt_text": "稿子。", "input_text": "分两行写的。"}');
add('[1, 2]', [1, 'not-an-object']);
const l7 = `${task({ output_name: 'm1' })} ${task({ output_name: 'm2' })}`;
add(l7, [1, 'multiple-objects']);
const l8 = `${task({ output_name: 's' })} xyz`;
add(l8, [l8.length - 2, 'stray-characters']);
const l9 = `\uFEFF${task({ output_name: 'bom' })}`;
add(l9, [1, 'utf8-bom']);
const l10 = task({ output_name: 'ctl', input_text: 'A\u0000B。' }).replace('\\u0000', '\u0000');
add(l10, [l10.indexOf('\u0000') + 1, 'control-character']);
const l11 = task({ output_name: 'zw', input_text: '你\u200b好。' });
add(l11, [l11.indexOf('\u200b') + 1, 'invisible-character']);
const l12 = task({ output_name: 'ls', input_text: '一。\u2028二。' });
add(l12, [l12.indexOf('\u2028') + 1, 'line-separator']);
const l13 = JSON.stringify({ prompt_audio: 'prompts/ok.wav', prompt_text: '稿子。', input_txt: '拼错了。', output_name: 'mf' });
add(l13, [1, 'missing-field'], [col(l13, '"input_txt"'), 'unknown-key']);
const l14 = task({ output_name: 'wt', input_text: 42 });
add(l14, [col(l14, '42'), 'wrong-type']);
const l15 = task({ output_name: 'ef', prompt_audio: '' });
add(l15, [col(l15, '""'), 'empty-field']);
const l16 = task({ output_name: 'et', input_text: '' });
add(l16, [col(l16, '"input_text":""') + '"input_text":'.length, 'empty-text']);
const l17 = task({ output_name: 'nf', prompt_audio: 'prompts/okk.wav' });
add(l17, [col(l17, '"prompts/okk.wav"'), 'audio-not-found']);
const l18 = task({ output_name: 'cm', prompt_audio: 'prompts/audio3.wav' });
add(l18, [col(l18, '"prompts/audio3.wav"'), 'audio-case-mismatch']);
const l19 = task({ output_name: 'dr', prompt_audio: 'prompts/dir.wav' });
add(l19, [col(l19, '"prompts/dir.wav"'), 'audio-is-directory']);
const l20 = task({ output_name: 'nw', prompt_audio: 'prompts/text.wav' });
add(l20, [col(l20, '"prompts/text.wav"'), 'audio-not-wav']);
const l21 = task({ output_name: 'sh', prompt_audio: 'prompts/short.wav' });
add(l21, [col(l21, '"prompts/short.wav"'), 'audio-too-short']);
const l22 = task({ output_name: 'lo', prompt_audio: 'prompts/long.wav' });
add(l22, [col(l22, '"prompts/long.wav"'), 'audio-too-long']);
const l23 = task({ output_name: 'hu', prompt_audio: 'prompts/huge.wav' });
add(l23, [col(l23, '"prompts/huge.wav"'), 'audio-over-limit']);
const l24 = task({ output_name: 'lr', prompt_audio: 'prompts/low.wav' });
add(l24, [col(l24, '"prompts/low.wav"'), 'audio-low-sample-rate']);
const l25 = task({ output_name: 'sp', prompt_audio: 'My Voices/v 1.wav' });
add(l25, [col(l25, '"My Voices'), 'path-spaces']);
const l26 = task({ output_name: 'na', prompt_audio: '声音/a.wav' });
add(l26, [col(l26, '"声音'), 'path-non-ascii']);
const l27 = task({ output_name: 'bs', prompt_audio: 'prompts\\ok.wav' });
add(l27, [col(l27, '"prompts\\\\ok.wav"'), 'audio-not-found'], [col(l27, '"prompts\\\\ok.wav"'), 'path-backslash']);
const l28 = task({ output_name: 'ab', prompt_audio: '/elsewhere/a.wav' });
add(l28, [col(l28, '"/elsewhere'), 'audio-not-found'], [col(l28, '"/elsewhere'), 'path-outside-project']);
const long = '这是一个用来测试长度的句子。'.repeat(9);
const l29 = task({ output_name: 'tl', input_text: long });
add(l29, [col(l29, `"${long}"`), 'text-too-long']);
const l30 = task({ output_name: 'to', input_text: long.repeat(2) });
add(l30, [col(l30, `"${long}`), 'text-over-limit']);
const l31 = task({ output_name: 'ts', input_text: '嗯。' });
add(l31, [col(l31, '"嗯。"'), 'text-too-short']);
const l32 = task({ output_name: 'np', input_text: '没有句号' });
add(l32, [col(l32, '"没有句号"'), 'text-no-final-punctuation']);
const l33 = JSON.stringify({ prompt_audio: 'prompts/ok.wav', input_text: '没有提示文字稿。', output_name: 'pm' });
add(l33, [col(l33, '"prompts/ok.wav"'), 'prompt-text-missing']);
const l34 = task({ output_name: 'pe', prompt_text: '' });
add(l34, [col(l34, '""'), 'prompt-text-empty']);
const l35 = task({ output_name: 'pl', prompt_text: '这是一段非常长的提示音频文字稿，它比要合成的文本长得多得多得多，真的很长。', input_text: '好的。' });
add(l35, [col(l35, '"这是一段'), 'prompt-text-too-long']);
const l36 = task({ output_name: 'first' });
add(l36, [col(l36, '"first"'), 'duplicate-output']);
const l37 = task({ output_name: '../up' });
add(l37, [col(l37, '"../up"'), 'unsafe-output-name']);
add('');
// 38 tasks or so: the batch-size hint needs more than 100
for (let i = 0; i < 70; i++) lines.push(task({ output_name: `fill${i}` }));
expect.push([1, 1, 'batch-too-large']);
const text = `${lines.join('\n')}\n`;
p.write('all-rules.jsonl', text);
if (process.env.KEEP_ALL_RULES) fs.writeFileSync(process.env.KEEP_ALL_RULES, text);

test('text format: every rule at its line and column, then a summary; exit 1', () => {
  const r = run(['all-rules.jsonl'], p.dir);
  assert.equal(r.code, 1, r.stderr);
  const out = r.stdout.trim().split('\n');
  for (const [line, column, code] of expect) {
    const hit = out.find((o) => o.startsWith(`all-rules.jsonl:${line}:${column}: `) && o.includes(` ${code} `));
    assert.ok(hit, `expected all-rules.jsonl:${line}:${column}: … ${code}\n${out.filter((o) => o.startsWith(`all-rules.jsonl:${line}:`)).join('\n')}`);
  }
  assert.match(out[out.length - 2], /^all-rules.jsonl: profile tts-batch \(detected\)$/);
  assert.match(out[out.length - 1], /^✖ \d+ errors, \d+ warnings, 1 note in 1 file$/);
  const errorLine = out.find((o) => o.includes(' missing-field '));
  assert.match(errorLine ?? '', /^all-rules.jsonl:13:1: error missing-field Missing required field "input_text"/);
});

test('json format: the contract array with 1-based ranges', () => {
  const r = run(['--format', 'json', 'all-rules.jsonl'], p.dir);
  assert.equal(r.code, 1, r.stderr);
  const problems = JSON.parse(r.stdout) as JsonProblem[];
  for (const pr of problems) {
    assert.deepEqual(Object.keys(pr).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
    assert.ok(['error', 'warning', 'information', 'hint'].includes(pr.severity));
    assert.ok(pr.line >= 1 && pr.column >= 1 && pr.endLine >= pr.line);
  }
  for (const [line, column, code] of expect) {
    assert.ok(problems.some((x) => x.line === line && x.column === column && x.code === code), `${line}:${column} ${code}`);
  }
  const wt = problems.find((x) => x.code === 'wrong-type');
  assert.deepEqual([wt?.line, wt?.column, wt?.endLine, wt?.endColumn], [14, col(l14, '42'), 14, col(l14, '42') + 2]);
  const ml = problems.find((x) => x.code === 'multi-line-object');
  assert.deepEqual([ml?.line, ml?.endLine], [4, 5]);
  const allCodes = new Set(problems.map((x) => x.code));
  for (const code of new Set(expect.map((e) => e[2]))) assert.ok(allCodes.has(code), code);
});

test('exit 0 with warnings only; exit 0 on a clean file', () => {
  p.write('warn.jsonl', `${task({ input_text: '没有句号' })}\n`);
  const w = run(['warn.jsonl'], p.dir);
  assert.equal(w.code, 0, w.stdout);
  assert.match(w.stdout, /✔ 0 errors, 1 warning in 1 file/);
  p.write('clean.jsonl', `${task()}\n`);
  const c = run(['clean.jsonl', '--format', 'json'], p.dir);
  assert.equal(c.code, 0);
  assert.deepEqual(JSON.parse(c.stdout), []);
});

test('exit 2 on usage errors and unreadable files (other files are still checked)', () => {
  assert.equal(run([], p.dir).code, 2);
  assert.equal(run(['--format', 'xml', 'clean.jsonl'], p.dir).code, 2);
  const unknown = run(['--profile', 'nope', 'clean.jsonl'], p.dir);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown profile "nope" \(known: tts-batch, glm-tts, indextts2/);
  assert.match(run(['--bogus', 'clean.jsonl'], p.dir).stderr, /unknown option --bogus/);
  const missing = run(['no-such.jsonl', 'warn.jsonl'], p.dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read no-such.jsonl: no such file/);
  assert.match(missing.stdout, /warn.jsonl:1:/);
  assert.equal(run(['--help'], p.dir).code, 0);
});

test('--profile, --audio-root, --locale and invalid UTF-8 from the bytes', () => {
  const glmLine = JSON.stringify({ uttid: '0', prompt_text: '稿子。', prompt_speech: 'voices/a.wav', syn_text: '句子。' });
  p.wav('root2/voices/a.wav', 4);
  p.write('glm.jsonl', `${glmLine}\n\n`);
  const r = run(['--audio-root', 'root2', '--format', 'json', 'glm.jsonl'], p.dir);
  const probs = JSON.parse(r.stdout) as JsonProblem[];
  assert.deepEqual(probs.map((x) => [x.code, x.line]), [['blank-line', 2]]);
  const forced = run(['--profile', 'tts-batch', '--audio-root', 'root2', '--format', 'json', 'glm.jsonl'], p.dir);
  assert.ok((JSON.parse(forced.stdout) as JsonProblem[]).some((x) => x.code === 'missing-field'));
  const zh = run(['--locale', 'zh-cn', 'warn.jsonl'], p.dir);
  assert.match(zh.stdout, /句末标点/);
  p.write('gbk.jsonl', Buffer.concat([Buffer.from('{"prompt_audio": "prompts/ok.wav", "prompt_text": "稿。", "input_text": "'), Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), Buffer.from('。"}\n')]));
  const g = run(['--format', 'json', 'gbk.jsonl'], p.dir);
  assert.equal(g.code, 1);
  const bad = (JSON.parse(g.stdout) as JsonProblem[]).find((x) => x.code === 'invalid-utf8');
  assert.deepEqual([bad?.line, bad?.column], [1, '{"prompt_audio": "prompts/ok.wav", "prompt_text": "稿。", "input_text": "'.length + 1]);
});

test('a user schema file as --profile', () => {
  const schemaFile = p.write(
    'my.schema.json',
    JSON.stringify({
      type: 'object',
      required: ['wav', 'words'],
      properties: { wav: { type: 'string' }, words: { type: 'string' } },
      additionalProperties: false,
      'x-tts-batch': { id: 'mine', fields: { promptAudio: 'wav', text: 'words' }, pathBase: 'project', blankLines: 'ignore' },
    }),
  );
  p.write('mine.jsonl', '{"wav": "prompts/ok.wav", "words": "你好。"}\n{"wav": "prompts/nope.wav", "words": "你好。"}\n');
  const r = run(['--profile', schemaFile, '--format', 'json', 'mine.jsonl'], p.dir);
  assert.deepEqual((JSON.parse(r.stdout) as JsonProblem[]).map((x) => [x.code, x.line]), [['audio-not-found', 2]]);
});

test('the shared GLM-TTS corpus: detected as glm-tts, exit 0 once the prompt audio exists', () => {
  const corpus = ['/work/shared/corpus/glm-tts', path.resolve(__dirname, '../../../../../shared/corpus/glm-tts')].find((d) => fs.existsSync(d));
  if (!corpus) throw new Error('shared corpus not found');
  const files = fs.readdirSync(corpus).filter((f) => f.endsWith('.jsonl'));
  for (const f of files) {
    const text = fs.readFileSync(path.join(corpus, f), 'utf8');
    p.write(`examples/${f}`, text);
    for (const line of text.split('\n')) {
      const wav = (JSON.parse(line) as { prompt_speech: string }).prompt_speech;
      if (!fs.existsSync(path.join(p.dir, wav))) p.wav(wav, 4);
    }
  }
  const r = run(files.map((f) => `examples/${f}`), p.dir);
  assert.equal(r.code, 0, r.stdout);
  for (const f of files) assert.match(r.stdout, new RegExp(`examples/${f.replace('.', '\\.')}: profile glm-tts \\(detected\\)`));
  assert.match(r.stdout, new RegExp(`✔ 0 errors, \\d+ warnings? in ${files.length} files`));
});
