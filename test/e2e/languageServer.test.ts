// Issue 3 in a real VS Code: the packaged extension, installed from its VSIX into code-server, checks a task file
// as the user sees it — the Problems panel, a quick fix through Ctrl+., and the hover on an audio path.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { writeToneWav } from './harness/audio';
import { withVsCode, type Session } from './harness/session';
import { FIRST_WAIT_MS, WAIT_MS, problemAt } from './harness/workbench';

const TASKS = 'tasks.jsonl';

/** The `lint` sample: line 1 is clean, every other line breaks a rule (see workspaces/lint/tasks.jsonl). */
function prepareLint(ws: string): void {
  writeToneWav(path.join(ws, 'prompts', 'speaker_a.wav'), { seconds: 4, sampleRate: 24000 });
  writeToneWav(path.join(ws, 'prompts', 'speaker_b.wav'), { seconds: 3, sampleRate: 16000 });
  writeToneWav(path.join(ws, 'prompts', 'speaker_d.wav'), { seconds: 5, sampleRate: 24000 });
}

function lines(ws: string): string[] {
  return fs.readFileSync(path.join(ws, TASKS), 'utf8').split('\n');
}

/** 1-based column (UTF-16, as VS Code counts) of the first `needle` on a 1-based line, from the sample itself. */
function col(ws: string, line: number, needle: string, last = false): number {
  const text = lines(ws)[line - 1];
  const i = last ? text.lastIndexOf(needle) : text.indexOf(needle);
  assert.ok(i >= 0, `"${needle}" not on line ${line} of the sample`);
  return i + 1;
}

function at(code: string, line: number, column: number): RegExp {
  return problemAt('tts-batch', code, line, column);
}

async function openTasks(s: Session): Promise<void> {
  await s.workbench.openFile(TASKS);
  // The first diagnostic waits on the extension host, the extension's activation and the server's start.
  await s.workbench.editor().locator('.squiggly-error').first().waitFor({ timeout: FIRST_WAIT_MS });
}

/** Ctrl+. at a position, then the quick fix whose title matches. */
async function quickFix(s: Session, line: number, column: number, title: RegExp): Promise<void> {
  const { page } = s.workbench;
  await s.workbench.goTo(line, column);
  await page.keyboard.press('Control+.');
  const item = page.locator('.action-widget .monaco-list-row').filter({ hasText: title }).first();
  await item.waitFor({ state: 'visible', timeout: WAIT_MS });
  await s.screenshot(`quick fix menu line ${line}`);
  // Chosen with the keyboard, as after Ctrl+. (the menu blocks the pointer until the mouse moves).
  const rows = page.locator('.action-widget .monaco-list-row.action');
  const count = await rows.count();
  for (let i = 0; i < count && !title.test((await page.locator('.action-widget .monaco-list-row.action.focused').getAttribute('aria-label')) ?? ''); i++) {
    await page.keyboard.press('ArrowDown');
  }
  assert.match((await page.locator('.action-widget .monaco-list-row.action.focused').getAttribute('aria-label')) ?? '', title);
  await page.keyboard.press('Enter');
  await page.locator('.action-widget').waitFor({ state: 'hidden', timeout: WAIT_MS });
}

async function save(s: Session): Promise<void> {
  await s.workbench.page.keyboard.press('Control+S');
  await s.workbench.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: WAIT_MS });
}

test('Problems panel lists each broken rule with its line and column', { timeout: 240_000 }, async () => {
  await withVsCode('lsp problems', { sample: 'lint', prepare: prepareLint }, async (s) => {
    const ws = s.workspace;
    await openTasks(s);
    const expected = [
      at('audio-case-mismatch', 2, col(ws, 2, '"prompts/Speaker_B.wav"')),
      at('trailing-comma', 3, col(ws, 3, ',', true)),
      at('audio-not-found', 4, col(ws, 4, '"prompts/speaker_c.wav"')),
      at('unknown-key', 5, col(ws, 5, '"promt_text"')),
      at('duplicate-output', 6, col(ws, 6, '"intro"')),
    ];
    const rows = await s.workbench.waitForProblems(expected, FIRST_WAIT_MS);
    await s.screenshot('problems');
    const row = (re: RegExp): string => rows.find((r) => re.test(r)) ?? '';
    // The messages say what is wrong in the user's terms, with the facts needed to fix it.
    assert.match(row(expected[0]), /speaker_b\.wav/, 'the case mismatch names the real file');
    assert.match(row(expected[2]), /speaker_c\.wav/, 'the missing file is named');
    assert.match(row(expected[3]), /prompt_text/, 'the unknown key gets its suggestion');
    assert.match(row(expected[4]), /line 1/, 'the duplicate points at the first use');
    assert.ok(!rows.some((r) => /\[Ln 1, Col \d+\]/.test(r)), `line 1 is a valid task, yet:\n${rows.join('\n')}`);
  });
});

test('Ctrl+. quick fixes change the text and their problems disappear', { timeout: 240_000 }, async () => {
  await withVsCode('lsp quick fix', { sample: 'lint', prepare: prepareLint }, async (s) => {
    const ws = s.workspace;
    const before = lines(ws);
    await openTasks(s);
    const comma = at('trailing-comma', 3, col(ws, 3, ',', true));
    const caseRow = at('audio-case-mismatch', 2, col(ws, 2, '"prompts/Speaker_B.wav"'));
    const missing = at('audio-not-found', 4, col(ws, 4, '"prompts/speaker_c.wav"'));
    await s.workbench.waitForProblems([comma, caseRow, missing], FIRST_WAIT_MS);

    await quickFix(s, 3, col(ws, 3, ',', true), /trailing comma/i);
    // After an edit the editor re-reads the file's problems: act on line 2 once its problem is listed again
    // (a Ctrl+. in the instant between offers nothing, as it would to a user).
    await s.workbench.waitForNoProblem(/trailing-comma/);
    await s.workbench.waitForProblems([caseRow, missing]);
    await quickFix(s, 2, col(ws, 2, 'Speaker_B') + 2, /case on disk/i);
    await s.workbench.waitForNoProblem(/audio-case-mismatch/);
    // Fixing two lines leaves the others' problems where they were.
    await s.workbench.waitForProblems([missing]);
    await s.screenshot('after quick fixes');

    await save(s);
    const after = lines(ws);
    assert.equal(after[2], before[2].replace(/,\s*$/, ''), 'line 3 lost only its trailing comma');
    assert.equal(after[1], before[1].replace('prompts/Speaker_B.wav', 'prompts/speaker_b.wav'), 'line 2 names the file as it is on disk');
    assert.deepEqual([after[0], ...after.slice(3)], [before[0], ...before.slice(3)], 'no other line changed');
  });
});

test('hover on an audio path shows where it resolves and the audio facts', { timeout: 240_000 }, async () => {
  await withVsCode('lsp hover', { sample: 'lint', prepare: prepareLint }, async (s) => {
    const { page } = s.workbench;
    await openTasks(s);
    const hoverOn = async (value: string): Promise<string> => {
      // The string token of the path value; the same path on several lines gives the same facts.
      await s.workbench.editor().locator('.view-line > span > span', { hasText: value }).first().hover();
      const box = page.locator('.monaco-editor .monaco-hover').filter({ hasText: /Resolved path/ }).first();
      await box.waitFor({ state: 'visible', timeout: WAIT_MS });
      return (await box.textContent()) ?? '';
    };

    const present = await hoverOn('prompts/speaker_a.wav');
    await s.screenshot('hover audio');
    assert.ok(present.includes(path.join(s.workspace, 'prompts', 'speaker_a.wav')), `absolute path in:\n${present}`);
    assert.match(present, /exists/);
    assert.match(present, /4\.00 s/, 'duration');
    assert.match(present, /24000 Hz/, 'sample rate');
    assert.match(present, /mono/, 'channels');
    assert.match(present, /16-bit/, 'bit depth');

    // Move away first so the next hover is a new one, then a file that is not there.
    await page.mouse.move(5, 5);
    await page.locator('.monaco-editor .monaco-hover').filter({ hasText: /Resolved path/ }).first().waitFor({ state: 'hidden', timeout: WAIT_MS });
    const absent = await hoverOn('prompts/speaker_c.wav');
    assert.match(absent, /not found/);
    assert.ok(absent.includes(path.join(s.workspace, 'prompts', 'speaker_c.wav')), `absolute path in:\n${absent}`);
  });
});
