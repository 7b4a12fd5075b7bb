// `tts-batch explain LOG TASKFILE`: maps the errors of a run log (ours, GLM-TTS, IndexTTS2) back to task lines,
// printed as `TASKFILE:line: message` so terminals and editors link them. Exit: 0 no errors in the log,
// 1 errors found, 2 usage error or a log in no known format.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { explainLog } from '../../inference/runner';

const help = `Usage: tts-batch explain LOG TASKFILE [--format text|json]

Maps the errors in a run log back to the task lines they are about, as TASKFILE:line: message.
Understands tts-batch logs (the latest run in the file), GLM-TTS glmtts_inference.py logs (matched
through uttid) and IndexTTS2 batch logs ("batch file line N ...").

Exit codes: 0 no errors in the log, 1 errors found, 2 usage error or unknown log format.
`;

export async function runExplain(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    process.stderr.write(`tts-batch explain: ${(err as Error).message}\n\n${help}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const format = values.format ?? 'text';
  if (positionals.length !== 2 || (format !== 'text' && format !== 'json')) {
    process.stderr.write(`tts-batch explain: expected a log file and a task file\n\n${help}`);
    return 2;
  }
  const [logArg, taskArg] = positionals;
  for (const f of [logArg, taskArg]) {
    if (!fs.existsSync(f) || !fs.statSync(f).isFile()) {
      process.stderr.write(`tts-batch explain: file not found: ${f}\n`);
      return 2;
    }
  }
  const result = await explainLog(path.resolve(logArg), path.resolve(taskArg));
  if (format === 'json') {
    process.stdout.write(JSON.stringify({ ...result, taskFile: path.resolve(taskArg), logFile: path.resolve(logArg) }) + '\n');
  } else {
    if (!result.format) {
      process.stderr.write(
        `tts-batch explain: ${logArg} does not look like a tts-batch, GLM-TTS or IndexTTS2 run log (no task errors or task lines found)\n`,
      );
      return 2;
    }
    for (const e of result.errors) {
      process.stdout.write(e.line !== undefined ? `${taskArg}:${e.line}: ${e.message}\n` : `${logArg}:${e.logLine}: ${e.message}\n`);
    }
    for (const n of result.notes) process.stdout.write(`note: ${n}\n`);
    const label = { 'tts-batch': 'tts-batch', 'glm-tts': 'GLM-TTS', indextts2: 'IndexTTS2' }[result.format];
    process.stdout.write(`${result.errors.length ? `${result.errors.length} error(s)` : 'No errors'} in this ${label} log.\n`);
  }
  if (!result.format) return 2;
  return result.errors.length ? 1 : 0;
}
