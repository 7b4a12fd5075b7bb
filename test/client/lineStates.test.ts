// Run failures stay on their task lines while the user edits: an edited line loses its result, lines below
// an inserted or deleted block move with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyTextChange, failedLines, LineMapper, problemsFromStates, type LineStates, type TextChange } from '../../client/run/lineStates';
import { RunTracker } from '../../client/run/runTracker';

function states(): LineStates {
  return new Map([
    [2, { status: 'succeeded', origin: 'run', outputPath: '/o/2.wav' }],
    [5, { status: 'failed', origin: 'run', kind: 'not-found', message: 'Audio file not found - a.wav', column: 3 }],
    [9, { status: 'failed', origin: 'log', kind: 'log-error', message: 'KeyError' }],
  ] as const) as LineStates;
}

const change = (c: Partial<TextChange>): TextChange => ({
  startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0, text: '', startLineLength: 10, ...c,
});

test('failed lines become problems with the kind as code, 0-based line and column, source by origin', () => {
  const problems = problemsFromStates(states());
  assert.deepEqual(problems, [
    { line: 4, column: 2, code: 'not-found', message: 'Audio file not found - a.wav', source: 'tts-batch run' },
    { line: 8, column: 0, code: 'log-error', message: 'KeyError', source: 'tts-batch log' },
  ]);
  assert.deepEqual(failedLines(states()), [5, 9]);
});

test('typing on a failed line clears its failure and nothing else', () => {
  const s = states();
  assert.equal(applyTextChange(s, change({ startLine: 4, startCharacter: 7, endLine: 4, endCharacter: 7, text: 'x' })), true);
  assert.deepEqual([...s.keys()], [2, 9]);
});

test('Enter at the end of a line moves the lines below and keeps the line itself', () => {
  const s = states();
  applyTextChange(s, change({ startLine: 4, startCharacter: 40, endLine: 4, endCharacter: 40, text: '\n', startLineLength: 40 }));
  assert.deepEqual([...s.keys()].sort((a, b) => a - b), [2, 5, 10]);
  assert.equal(s.get(5)?.status, 'failed');
});

test('a pasted line above moves every later result down by one', () => {
  const s = states();
  applyTextChange(s, change({ startLine: 0, text: '{"input_text": "new"}\n' }));
  assert.deepEqual([...s.keys()].sort((a, b) => a - b), [3, 6, 10]);
});

test('deleting whole lines drops their results and moves the rest up', () => {
  const s = states();
  // Delete lines 3..5 (0-based 2..4) entirely.
  applyTextChange(s, change({ startLine: 2, startCharacter: 0, endLine: 5, endCharacter: 0, text: '' }));
  assert.deepEqual([...s.keys()].sort((a, b) => a - b), [2, 6]);
  assert.equal(s.get(6)?.origin, 'log');
});

test('an edit spanning lines clears each of them and shifts by the line delta', () => {
  const s = states();
  applyTextChange(s, change({ startLine: 1, startCharacter: 3, endLine: 4, endCharacter: 2, text: 'ab' }));
  assert.deepEqual([...s.keys()], [6]);
});

test('an edit below every result changes nothing', () => {
  const s = states();
  assert.equal(applyTextChange(s, change({ startLine: 20, startCharacter: 1, endLine: 20, endCharacter: 1, text: 'x' })), false);
  assert.equal(s.size, 3);
});

test('edits during a run: the run\'s line numbers are mapped to where those tasks are now', () => {
  const mapper = new LineMapper();
  assert.equal(mapper.map(7), 7);
  // Two lines pasted above line 3, then line 9 (was 7) edited, then Enter at the end of line 1.
  mapper.record(change({ startLine: 2, endLine: 2, text: '{"a":1}\n{"b":2}\n' }));
  mapper.record(change({ startLine: 8, startCharacter: 4, endLine: 8, endCharacter: 4, text: 'x' }));
  mapper.record(change({ startLine: 0, startCharacter: 10, endLine: 0, endCharacter: 10, text: '\r\n', startLineLength: 10 }));
  assert.equal(mapper.edited, true);
  assert.equal(mapper.map(1), 1);
  assert.equal(mapper.map(2), 3);
  assert.equal(mapper.map(3), 6);
  assert.equal(mapper.map(7), undefined, 'its line was edited: the result no longer describes it');
  assert.equal(mapper.map(8), 11);

  // The tracker puts a late event where the task is now, and drops one for an edited line.
  const states: LineStates = new Map();
  const tracker = new RunTracker(states, mapper);
  tracker.apply({ type: 'task-failed', time: '', line: 3, column: 5, kind: 'not-found', message: 'gone' });
  tracker.apply({ type: 'task-succeeded', time: '', line: 7, outputName: 'x', outputPath: '/o/x.wav', audioSeconds: 1, wallSeconds: 1, rtf: 1 });
  assert.deepEqual([...states.keys()], [6]);
  assert.equal(states.get(6)?.kind, 'not-found');
});
