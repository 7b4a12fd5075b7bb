// "Show log" on a failed task line: where in the run log that task's failure is. The runner writes
// `path:line:col` locations and "Task N" in its lines; the last mention wins (a retry appends to the log).
// Pure.

/** 0-based index of the log line that best describes task `line`, or undefined. */
export function findTaskInLog(logText: string, line: number, taskFile: string): number | undefined {
  const lines = logText.split('\n');
  const location = `${taskFile}:${line}:`;
  const taskWord = new RegExp(`\\b(?:Task|task|line|任务)\\s*${line}\\b`);
  let best: number | undefined;
  let bestScore = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    let score = 0;
    // The "[✗] Task N failed" line (with the log around it) beats a bare location in an end-of-run list.
    if (text.includes(location)) score += 1;
    if (taskWord.test(text)) score += 2;
    if (score && /✗|fail|error|ERROR/.test(text)) score += 1;
    if (score > 0 && score >= bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}
