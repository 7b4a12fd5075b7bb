// The task file, one line at a time, never whole: a 100,000-line file costs the runner a line, not the file.
// Lines are 1-based like editors show them. readline's async iterator pauses the stream while lines wait.
import * as fs from 'node:fs';
import * as readline from 'node:readline';

export interface TaskLine {
  line: number;
  text: string;
}

export async function* readTaskLines(file: string): AsyncGenerator<TaskLine> {
  const input = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 });
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of rl) {
      line++;
      yield { line, text };
    }
  } finally {
    rl.close();
    input.destroy();
  }
}

/** The line without the UTF-8 byte-order mark some editors put at the start of a file. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function isBlank(text: string): boolean {
  return withoutBom(text).trim() === '';
}
