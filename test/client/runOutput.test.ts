// The client's mapping logic fed with the real runner: `dist/cli.js run --format json` started the way the
// extension starts it (startRunProcess), its events folded by RunTracker into line states, diagnostics,
// CodeLenses and Output lines; the journal it leaves read back into the same states; retry and cancel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runnerAccepts, startRunProcess } from '../../client/runnerProcess';
import { RunTracker } from '../../client/run/runTracker';
import { buildRunArgs, type RunSettings } from '../../client/run/cliArgs';
import { failedLines, problemsFromStates, type LineStates } from '../../client/run/lineStates';
import { logLinesForEvent, progressMessage, summaryMessage, untranslated, type LogLine } from '../../client/run/format';
import { defaultOutputDir, journalPath, statesFromJournal } from '../../client/run/journal';
import { planLineLenses } from '../../client/run/lensPlan';
import type { RunEvent } from '../../inference/runner/events';
import { distDir } from './repoRoot';
import { makeTaskFolder, writeToneWav } from './taskFolder';

const settings: RunSettings = {
  voice: '', executionProvider: 'cpu', workers: 1, timeoutSeconds: 0, seed: 42, sampleRate: 24000,
  outputFolder: '', autoSplitLongText: false, profile: 'auto', audioRoot: '',
};

interface Run {
  events: RunEvent[];
  log: LogLine[];
  code: number | null;
  stderr: string;
  progressTexts: string[];
}

/** Runs the CLI like the extension does; `onEvent` may cancel. */
async function run(taskFile: string, dir: string, states: LineStates, selection: Parameters<typeof buildRunArgs>[3], onEvent?: (e: RunEvent, cancel: () => void) => void): Promise<Run & { tracker: RunTracker }> {
  const cli = path.join(distDir(), 'cli.js');
  const args = buildRunArgs(cli, settings, { taskFile, workspaceFolder: dir }, selection);
  const tracker = new RunTracker(states);
  const events: RunEvent[] = [];
  const log: LogLine[] = [];
  const progressTexts: string[] = [];
  const proc = startRunProcess(
    args,
    dir,
    (item) => {
      if (!('event' in item)) return;
      events.push(item.event);
      log.push(...logLinesForEvent(untranslated, item.event, taskFile));
      if (tracker.apply(item.event).progressChanged) progressTexts.push(progressMessage(untranslated, tracker.progress));
      onEvent?.(item.event, () => proc.cancel());
    },
    () => undefined,
  );
  const exit = await proc.exited;
  return { events, log, code: exit.code, stderr: exit.stderr, progressTexts, tracker };
}

test('a batch with a missing audio and a broken line: states, diagnostics, log lines, lenses, journal', async () => {
  const f = makeTaskFolder();
  try {
    const states: LineStates = new Map();
    const r = await run(f.taskFile, f.dir, states, { kind: 'all' });
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(r.events.map((e) => e.type).filter((t) => t === 'batch-started' || t === 'batch-finished'), ['batch-started', 'batch-finished']);

    // Line states and the diagnostics drawn from them.
    assert.equal(states.get(1)?.status, 'succeeded');
    assert.equal(states.get(4)?.status, 'succeeded');
    assert.ok(fs.existsSync(states.get(1)!.outputPath!), 'the WAV of line 1 exists');
    const problems = problemsFromStates(states);
    assert.deepEqual(problems.map((p) => [p.line, p.code, p.source]), [[1, 'not-found', 'tts-batch run'], [2, 'invalid', 'tts-batch run']]);
    assert.ok(problems[0].column > 0, 'the missing path is pointed at, not the line start');
    assert.match(problems[0].message, /missing\.wav/);

    // Output channel: [✓] / [✗] lines, failures linked by absolute path:line:column.
    const texts = r.log.map((l) => l.text);
    assert.ok(texts.some((t) => t.startsWith('[✓] Task 1 succeeded: one')));
    const fail2 = r.log.find((l) => l.text.startsWith('[✗] Task 2 failed'));
    assert.equal(fail2?.level, 'error');
    assert.match(fail2!.text, new RegExp(`${f.taskFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:${problems[0].column + 1}$`));
    assert.ok(texts.includes('⚠️ Batch completed: 2/4 tasks succeeded. 2 failed.'), texts.join('\n'));
    assert.ok(r.progressTexts.includes('Task 4/4 · 2 failed'), r.progressTexts.join(' | '));
    assert.equal(summaryMessage(untranslated, r.tracker.finished!), 'Batch completed: 2/4 tasks succeeded. 2 failed.');

    // CodeLenses: retry and log on failures, play and reveal on successes.
    assert.deepEqual(planLineLenses(states, 4, { running: false }).map((l) => `${l.line}:${l.kind}`), [
      '1:play', '1:reveal', '2:retry', '2:show-log', '3:retry', '3:show-log', '4:play', '4:reveal',
    ]);

    // The journal the run left says the same (what a reopened editor shows).
    const outDir = defaultOutputDir(f.taskFile);
    assert.equal(r.tracker.header?.outputDir, outDir);
    assert.equal(r.tracker.header?.journalFile, journalPath(outDir, f.taskFile));
    const fromJournal = statesFromJournal(fs.readFileSync(journalPath(outDir, f.taskFile), 'utf8'), outDir);
    assert.deepEqual(
      [...fromJournal].map(([line, s]) => [line, s.status, s.kind, s.outputPath, s.outputName]),
      [...states].sort((a, b) => a[0] - b[0]).map(([line, s]) => [line, s.status, s.kind, s.outputPath, s.outputName]),
    );
    assert.deepEqual(failedLines(fromJournal), [2, 3]);

    // Fix the audio and retry that one task: line 2 succeeds, line 3 keeps its failure, others untouched.
    writeToneWav(path.join(f.dir, 'prompts', 'missing.wav'));
    const retry = await run(f.taskFile, f.dir, states, { kind: 'lines', lines: [2] });
    assert.equal(retry.code, 0, retry.stderr);
    assert.equal(states.get(2)?.status, 'succeeded');
    assert.deepEqual(failedLines(states), [3]);
    assert.deepEqual([...retry.tracker.touched], [2]);

    // Retry failed: only line 3 runs (and fails again: it is still broken JSON).
    const again = await run(f.taskFile, f.dir, states, { kind: 'retry-failed' });
    assert.equal(again.code, 1);
    assert.deepEqual([...again.tracker.touched], [3]);
    assert.deepEqual(failedLines(states), [3]);

    // Run Batch again: the runner resumes (done tasks skipped), and the done lines stay successes with their WAVs.
    const resumed = await run(f.taskFile, f.dir, states, { kind: 'all' });
    assert.ok(resumed.events.some((e) => e.type === 'task-skipped' && e.reason === 'done'));
    assert.deepEqual(resumed.tracker.dropUnseen(), []);
    assert.deepEqual([...states].sort((a, b) => a[0] - b[0]).map(([line, s]) => [line, s.status, !!s.outputPath]), [
      [1, 'succeeded', true], [2, 'succeeded', true], [3, 'failed', false], [4, 'succeeded', true],
    ]);
  } finally {
    f.cleanup();
  }
});

test('the runner says which options it accepts (a setting it lacks degrades instead of breaking the run)', async () => {
  const cli = path.join(distDir(), 'cli.js');
  assert.equal(await runnerAccepts(cli, '--retry-failed'), true);
  assert.equal(await runnerAccepts(cli, '--only-lines'), true);
  assert.equal(await runnerAccepts(cli, '--no-such-option'), false);
});

test('cancelling a run: unfinished tasks are cancelled, no half-written WAV remains, the summary says stopped', async () => {
  const many = Array.from({ length: 30 }, (_, i) =>
    JSON.stringify({ prompt_audio: 'prompts/a.wav', input_text: `Sentence number ${i + 1} is here, long enough to take a moment of synthesis time.`, output_name: `extra_${i + 1}` }),
  );
  const f = makeTaskFolder(many);
  try {
    const states: LineStates = new Map();
    let cancelled = false;
    const r = await run(f.taskFile, f.dir, states, { kind: 'all' }, (e, cancel) => {
      if (e.type === 'task-succeeded' && !cancelled) {
        cancelled = true;
        cancel();
      }
    });
    const finished = r.tracker.finished;
    assert.ok(finished, 'the runner still reports the end of the batch');
    assert.ok(finished.stopped || finished.cancelled > 0, JSON.stringify(finished));
    assert.match(summaryMessage(untranslated, finished), /^Batch cancelled: /);
    assert.ok(![...states.values()].some((s) => s.status === 'running'), 'nothing is left "running"');
    const outDir = defaultOutputDir(f.taskFile);
    const wavs = fs.readdirSync(outDir).filter((n) => !n.endsWith('.log') && !n.endsWith('.results.jsonl'));
    const succeeded = [...states.values()].filter((s) => s.status === 'succeeded').map((s) => path.basename(s.outputPath!));
    assert.deepEqual(wavs.sort(), succeeded.sort(), 'only finished WAVs are in the output folder');
    assert.ok(succeeded.length < 32);
  } finally {
    f.cleanup();
  }
});
