// The task file, one chunk at a time, never whole: a 100,000-line file costs the runner a chunk, not the file.
// Lines are 1-based like editors show them, and break where readline (and the editor) break them: "\n", "\r\n"
// or a lone "\r". Lines come in batches, one per 64 KB read, so a pass over the file costs a promise per chunk
// rather than a few per line (readline's iterator): less garbage for V8 to promote while a big file is planned.
import * as fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export interface TaskLine {
  line: number;
  text: string;
}

export interface TaskLineBatch {
  /** Line number of texts[0]. */
  first: number;
  texts: string[];
}

const LINE_END = /\r\n|\n|\r/;

export async function* readTaskLineBatches(file: string, chunkBytes = 1 << 16): AsyncGenerator<TaskLineBatch> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const buf = Buffer.allocUnsafe(chunkBytes);
    let carry = ''; // the unfinished last line of what was read so far
    let next = 1;
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      const end = bytesRead === 0;
      let text = carry + (end ? decoder.end() : decoder.write(buf.subarray(0, bytesRead)));
      // A "\r" at the end of a read may be the first half of "\r\n": wait for the next read to tell.
      const heldReturn = !end && text.endsWith('\r');
      if (heldReturn) text = text.slice(0, -1);
      const texts = text.split(LINE_END);
      carry = texts.pop()!;
      if (heldReturn) carry += '\r';
      if (end && carry) texts.push(carry);
      if (texts.length) {
        yield { first: next, texts };
        next += texts.length;
      }
      if (end) return;
    }
  } finally {
    await handle.close();
  }
}

export async function* readTaskLines(file: string): AsyncGenerator<TaskLine> {
  for await (const { first, texts } of readTaskLineBatches(file)) {
    for (let i = 0; i < texts.length; i++) yield { line: first + i, text: texts[i] };
  }
}

/** The line without the UTF-8 byte-order mark some editors put at the start of a file. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function isBlank(text: string): boolean {
  return withoutBom(text).trim() === '';
}
