// Issue 6 in a real VS Code: "Run Batch" from the command palette on a task file with a missing-audio line and
// an invalid line, the summary, the Output channel, run failures in the Problems panel, the WAVs on disk, then
// "Retry Failed Tasks" after the audio appears; and a long run cancelled from its progress notification.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { readCompleteWav, writeToneWav } from './harness/audio';
import { processesInGroup } from './harness/processes';
import { withVsCode, type Session } from './harness/session';
import { FIRST_WAIT_MS, WAIT_MS, problemAt } from './harness/workbench';

const TASKS = 'tasks.jsonl';
const RUN_SOURCE = 'tts-batch run';
/** A batch on 2 busy cores: the first one also starts the engine worker and loads onnxruntime. */
const RUN_WAIT_MS = 180_000;

function col(file: string, line: number, needle: string): number {
  const text = fs.readFileSync(file, 'utf8').split('\n')[line - 1];
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `"${needle}" not on line ${line}`);
  return i + 1;
}

interface JournalEntry {
  line: number;
  status: string;
  output?: string;
  outputPath?: string;
}

/** Last record per line, as the runner reads its own journal. */
function readJournal(file: string): Map<number, JournalEntry> {
  const latest = new Map<number, JournalEntry>();
  for (const text of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!text.trim()) continue;
    const rec = JSON.parse(text) as JournalEntry;
    latest.set(rec.line, rec);
  }
  return latest;
}

async function clearNotifications(s: Session): Promise<void> {
  await s.workbench.runCommand('Notifications: Clear All Notifications');
  await s.workbench.page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached', timeout: WAIT_MS });
}

async function waitForLog(s: Session, pattern: RegExp, timeoutMs = WAIT_MS): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = s.workbench.outputChannelLog('TTS Batch') ?? '';
    if (pattern.test(log)) return log;
    if (Date.now() > deadline) throw new Error(`the "TTS Batch" output channel never showed ${pattern}; it holds:\n${log || '(no log file)'}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('Run Batch: valid tasks run, failures land on their lines, Retry Failed reruns them', { timeout: 420_000 }, async () => {
  await withVsCode(
    'run batch and retry',
    {
      sample: 'run',
      prepare: (ws) => writeToneWav(path.join(ws, 'prompts', 'host.wav'), { seconds: 4, sampleRate: 24000 }),
    },
    async (s) => {
      const { workbench, workspace } = s;
      const taskFile = path.join(workspace, TASKS);
      const outDir = path.join(workspace, 'tasks.output');
      const guestCol = col(taskFile, 3, '"prompts/guest.wav"');
      await workbench.openFile(TASKS);
      // Line 3 names a prompt that does not exist yet, line 4 has no input_text: the editor says so first.
      await workbench.waitForProblems(
        [problemAt('tts-batch', 'audio-not-found', 3, guestCol), /tts-batch\(?missing-field\)?\s*\[Ln 4, Col \d+\]/],
        FIRST_WAIT_MS,
      );

      await workbench.runCommand('TTS Batch: Run Batch');
      // The file has errors: the extension asks before running only the valid tasks.
      const runValid = workbench.button('Run the valid tasks only');
      await runValid.waitFor({ state: 'visible', timeout: WAIT_MS });
      await s.screenshot('asks to run the valid tasks');
      await runValid.click();

      const summary = workbench.toast(/Batch completed/);
      await summary.waitFor({ state: 'visible', timeout: RUN_WAIT_MS });
      await s.screenshot('summary');
      assert.match((await summary.textContent()) ?? '', /Batch completed: 3\/5 tasks succeeded\. 2 failed\./);

      // The Output panel is open on the channel and shows the results as they came.
      const panel = await workbench.outputPanelText();
      assert.match(panel, /\[✓\] Task \d+ succeeded/, `Output panel:\n${panel}`);
      assert.match(panel, /\[✗\] Task \d+ failed/, `Output panel:\n${panel}`);
      // The whole channel (Monaco draws only the lines in view): every task, failures with their path:line:column.
      const log = await waitForLog(s, /Batch completed/);
      for (const [line, name] of [[1, 'news_01'], [2, 'news_02'], [5, 'news_05']] as const) {
        assert.match(log, new RegExp(`\\[✓\\] Task ${line} succeeded: ${name}`), log);
      }
      assert.ok(log.includes(`${taskFile}:3:${guestCol}`), `the missing-audio failure links to ${taskFile}:3:${guestCol}:\n${log}`);
      assert.match(log, /\[✗\] Task 3 failed: Audio file not found - prompts\/guest\.wav/);
      assert.match(log, new RegExp(`\\[✗\\] Task 4 failed: .*input_text.* ${taskFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:\\d+`));

      // The failure's path:line:column is a link in the Output panel: Ctrl+click jumps to the task line.
      await clearNotifications(s); // the summary toast would cover the link
      await workbench.runCommand('View: Toggle Maximized Panel'); // the whole log in view
      // Where the user clicks: the `3:18` at the end of task 3's link (Monaco draws it as a token of its own;
      // the link decorations come and go as the view renders, so the text is the stable handle).
      const target = workbench.page
        .locator('.part.panel .output-view .view-line span span')
        .filter({ hasText: new RegExp(`(^|${TASKS.replace('.', '\\.')}:)3:${guestCol}$`) })
        .last();
      await target.waitFor({ state: 'visible', timeout: WAIT_MS });
      await target.hover();
      await target.click({ modifiers: ['Control'] });
      const cursor = workbench.page.locator('.statusbar-item', { hasText: /^\s*Ln \d+, Col \d+/ }).first();
      await workbench.page.locator('.tabs-container .tab.active[aria-label^="tasks.jsonl"]').waitFor({ timeout: WAIT_MS });
      await cursor.filter({ hasText: new RegExp(`Ln 3, Col ${guestCol}\\b`) }).waitFor({ timeout: 10_000 }).catch(async () => {
        await s.screenshot('log link opens the wrong line');
        assert.fail(`Ctrl+click on task 3's link ${TASKS}:3:${guestCol} in the Output panel put the cursor at "${(await cursor.textContent())?.trim()}"`);
      });
      await s.screenshot('log link opens the task line');
      await workbench.runCommand('View: Toggle Maximized Panel');

      // Run failures are diagnostics of their own on the task lines.
      await workbench.waitForProblems([problemAt(RUN_SOURCE, 'not-found', 3, guestCol), /tts-batch run\(?invalid\)?\s*\[Ln 4, Col \d+\]/]);
      await s.screenshot('run failures in problems');

      for (const name of ['news_01', 'news_02', 'news_05']) {
        const wav = readCompleteWav(path.join(outDir, `${name}.wav`));
        assert.equal(wav.sampleRate, 24000, `${name}.wav sample rate`);
        assert.ok(wav.seconds > 0.5, `${name}.wav holds audio (${wav.seconds} s)`);
      }
      assert.ok(!fs.existsSync(path.join(outDir, 'news_03.wav')), 'no output for the task whose prompt is missing');

      // The user records the missing prompt: the editor's "not found" goes away by itself.
      writeToneWav(path.join(workspace, 'prompts', 'guest.wav'), { seconds: 3, sampleRate: 24000 });
      await workbench.waitForNoProblem(problemAt('tts-batch', 'audio-not-found', 3, guestCol));

      await clearNotifications(s);
      await workbench.runCommand('TTS Batch: Retry Failed Tasks');
      const retried = workbench.toast(/Batch completed/);
      await retried.waitFor({ state: 'visible', timeout: RUN_WAIT_MS });
      await s.screenshot('retry summary');
      // Task 3 now runs; task 4 is still invalid and fails again; the three done tasks are not redone.
      assert.match((await retried.textContent()) ?? '', /Batch completed: 1\/2 tasks succeeded\. 1 failed\./);
      await workbench.waitForNoProblem(new RegExp(`tts-batch run.*\\[Ln 3, Col \\d+\\]`));
      await workbench.waitForProblems([/tts-batch run\(?invalid\)?\s*\[Ln 4, Col \d+\]/]);
      await waitForLog(s, /\[✓\] Task 3 succeeded: news_03/);
      const wav = readCompleteWav(path.join(outDir, 'news_03.wav'));
      assert.ok(wav.seconds > 0.5);
      const journal = readJournal(path.join(outDir, 'tasks.results.jsonl'));
      assert.deepEqual(
        [...journal.values()].sort((a, b) => a.line - b.line).map((r) => `${r.line}:${r.status}`),
        ['1:succeeded', '2:succeeded', '3:succeeded', '4:failed', '5:succeeded'],
      );
    },
  );
});

test('Cancel from the progress notification stops the run and leaves only complete WAVs', { timeout: 300_000 }, async () => {
  const total = 40;
  await withVsCode(
    'cancel a long run',
    {
      sample: 'cancel',
      prepare: (ws) => {
        writeToneWav(path.join(ws, 'prompts', 'narrator.wav'), { seconds: 5, sampleRate: 24000 });
        const lines = Array.from({ length: total }, (_, i) =>
          JSON.stringify({ prompt_audio: 'prompts/narrator.wav', prompt_text: '这是一段参考录音。', input_text: `第${i + 1}段：长篇有声书的一句话。`, output_name: `chapter_${String(i + 1).padStart(2, '0')}` }),
        );
        fs.writeFileSync(path.join(ws, TASKS), lines.join('\n') + '\n');
      },
    },
    async (s) => {
      const { workbench, workspace, server } = s;
      const outDir = path.join(workspace, 'tasks.output');
      await workbench.openFile(TASKS);
      // The CodeLens on line 1 says the file is ready to run (and that the extension is up).
      await workbench.editor().locator('.codelens-decoration', { hasText: `Run ${total} tasks` }).waitFor({ timeout: FIRST_WAIT_MS });

      await workbench.runCommand('TTS Batch: Run Batch');
      const progress = workbench.toast(new RegExp(`Task ([4-9]|[1-3]\\d)/${total}`));
      await progress.waitFor({ state: 'visible', timeout: RUN_WAIT_MS });
      await s.screenshot('progress');
      const cancelledAt = Date.now();
      await progress.locator('.monaco-button', { hasText: /^\s*Cancel\s*$/ }).click();

      const stopped = workbench.toast(/Batch cancelled|stopped before it finished/);
      await stopped.waitFor({ state: 'visible', timeout: WAIT_MS });
      await s.screenshot('cancelled');
      // Nothing of the run is left running: no runner, no engine worker.
      const deadline = Date.now() + 20_000;
      let left = processesInGroup(server.pid).filter((p) => /(cli|worker)\.js/.test(p.command));
      while (left.length && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        left = processesInGroup(server.pid).filter((p) => /(cli|worker)\.js/.test(p.command));
      }
      assert.deepEqual(left.map((p) => p.command), [], 'runner processes still alive after Cancel');
      const stopSeconds = (Date.now() - cancelledAt) / 1000;
      assert.ok(stopSeconds < 20, `the run took ${stopSeconds} s to stop`);

      // Only whole results remain: every file is a complete WAV recorded as succeeded, the journal or the log.
      const journalFile = path.join(outDir, 'tasks.results.jsonl');
      const journal = readJournal(journalFile);
      const succeeded = [...journal.values()].filter((r) => r.status === 'succeeded');
      const files = fs.readdirSync(outDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
      const wavs = files.filter((f) => f.endsWith('.wav'));
      const others = files.filter((f) => !f.endsWith('.wav') && f !== journalFile && f !== path.join(outDir, 'tasks.log'));
      assert.deepEqual(others, [], 'temporary or unknown files left in the output folder');
      assert.ok(wavs.length >= 3 && wavs.length < total, `the run was cancelled part-way (${wavs.length} of ${total} WAVs)`);
      for (const wav of wavs) {
        readCompleteWav(wav);
        assert.ok(
          succeeded.some((r) => (r.outputPath ? path.resolve(r.outputPath) === wav : r.output !== undefined && path.join(outDir, r.output) === wav)),
          `${path.basename(wav)} is on disk but not recorded as succeeded in the journal`,
        );
      }
      for (const r of succeeded) {
        const file = r.outputPath ?? path.join(outDir, r.output ?? '');
        assert.ok(fs.existsSync(file), `journal says line ${r.line} succeeded but ${file} is missing`);
      }
      const log = await waitForLog(s, /cancel/i);
      const otherFailures = log.split('\n').filter((l) => l.includes('[✗]') && !/cancel/i.test(l));
      assert.deepEqual(otherFailures, [], 'no task failed for another reason than the cancel');
    },
  );
});
