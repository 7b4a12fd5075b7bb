// `tts-batch validate [--profile P] [--audio-root DIR] [--format text|json] [--locale en|zh-cn] FILE...`
// Text output is `file:line:column: severity code message` (clickable in terminals and editors), then a
// summary; json output is the contract array. Exit 0: no errors; 1: errors found; 2: usage or I/O failure.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import {
  allProfiles,
  detectProfile,
  profileFromSchema,
  validateBytes,
  type Locale,
  type Profile,
  type TaskDiagnostic,
} from '../../server/core';
import { NodeFileFacts } from '../../server/node/nodeFileFacts';
import { oneOf, parseArgs, positiveInt, UsageError } from '../args';

const HELP = `Usage: tts-batch validate [options] FILE...

Checks JSONL task files (one task per line) and reports every problem with its line and column.

Options:
  --profile P        tts-batch | glm-tts | indextts2 | a profile id from --schema | a schema file path
                     (default: detected from the keys of the first object lines)
  --schema FILE      add a profile from a JSON Schema file with an "x-tts-batch" block (repeatable)
  --audio-root DIR   folder that relative audio paths resolve against (default: the current folder;
                     indextts2 paths resolve against each task file's folder)
  --format F         text (default) or json
  --locale L         en or zh-cn (default: from LANG)
  --max-problems N   stop listing after N problems per file
  -h, --help         show this help

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage or I/O failure.
`;

/** The JSON contract: 1-based lines and columns. */
export interface JsonProblem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: TaskDiagnostic['severity'];
  code: string;
  message: string;
}

function defaultLocale(): Locale {
  const lang = process.env.TTS_BATCH_LOCALE ?? process.env.LC_ALL ?? process.env.LC_MESSAGES ?? process.env.LANG ?? '';
  return /^zh/i.test(lang) ? 'zh-cn' : 'en';
}

async function loadSchemaProfile(file: string): Promise<Profile> {
  let json: unknown;
  try {
    json = JSON.parse(await fsp.readFile(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read schema ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return profileFromSchema(json);
  } catch (err) {
    throw new UsageError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function runValidate(argv: string[]): Promise<number> {
  let opts;
  try {
    opts = parseArgs(argv, {
      profile: { type: 'string' },
      schema: { type: 'string', multiple: true },
      'audio-root': { type: 'string' },
      format: { type: 'string' },
      locale: { type: 'string' },
      'max-problems': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
  } catch (err) {
    process.stderr.write(`tts-batch validate: ${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (opts.values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  let format: 'text' | 'json';
  let locale: Locale;
  let maxProblems: number | undefined;
  const extraProfiles: Profile[] = [];
  let profile: string | undefined;
  try {
    format = oneOf(opts.values.format, 'format', ['text', 'json'] as const) ?? 'text';
    locale = oneOf(opts.values.locale, 'locale', ['en', 'zh-cn'] as const) ?? defaultLocale();
    maxProblems = positiveInt(opts.values['max-problems'], 'max-problems');
    for (const file of (opts.values.schema as string[] | undefined) ?? []) extraProfiles.push(await loadSchemaProfile(file));
    const p = opts.values.profile as string | undefined;
    if (p !== undefined) {
      if (/\.json$/i.test(p) || p.includes('/') || p.includes(path.sep)) {
        const fromFile = await loadSchemaProfile(p);
        extraProfiles.push(fromFile);
        profile = fromFile.id;
      } else {
        const known = allProfiles(extraProfiles).map((x) => x.id);
        if (!known.includes(p)) throw new UsageError(`unknown profile "${p}" (known: ${known.join(', ')}; or give a schema file)`);
        profile = p;
      }
    }
    if (!opts.positionals.length) throw new UsageError('no task file given');
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`tts-batch validate: ${err.message}\n\n${HELP}`);
    return 2;
  }

  const audioRoot = path.resolve((opts.values['audio-root'] as string | undefined) ?? process.cwd());
  const files = new NodeFileFacts();
  const json: JsonProblem[] = [];
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let others = 0;
  let ioFailure = false;
  let checked = 0;

  for (const file of opts.positionals) {
    let bytes: Buffer | undefined;
    try {
      const st = await fsp.stat(file);
      if (st.isDirectory()) throw Object.assign(new Error('is a folder, not a task file'), { code: 'EISDIR' });
      bytes = await fsp.readFile(file);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a folder, not a task file' : e.message;
      process.stderr.write(`tts-batch validate: cannot read ${file}: ${why}\n`);
      ioFailure = true;
      continue;
    }
    checked++;
    // The first 64 KB are enough to see the first object lines (the decoder may cut a character: harmless).
    const head = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, 1 << 16));
    const detected = profile ?? detectProfile(head, allProfiles(extraProfiles)) ?? 'tts-batch';
    const abs = path.resolve(file);
    const job = validateBytes(bytes, {
      projectRoot: audioRoot,
      taskFilePath: abs,
      profile,
      extraProfiles,
      files,
      locale,
      maxProblems,
    });
    // validateBytes decodes synchronously before its first await: the file's bytes can be released now.
    bytes = undefined;
    const diags = await job;
    for (const d of diags) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      else others++;
      const line = d.range.start.line + 1;
      const column = d.range.start.character + 1;
      if (format === 'json') {
        json.push({
          file,
          line,
          column,
          endLine: d.range.end.line + 1,
          endColumn: d.range.end.character + 1,
          severity: d.severity,
          code: d.code,
          message: d.message,
        });
      } else {
        out.push(`${file}:${line}:${column}: ${d.severity} ${d.code} ${d.message}`);
      }
    }
    if (format === 'text') {
      out.push(`${file}: profile ${detected}${profile ? '' : ' (detected)'}`);
    }
  }

  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(json, null, 1)}\n`);
  } else {
    const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
    if (others) parts.push(plural(others, 'note'));
    out.push(`${errors ? '✖' : '✔'} ${parts.join(', ')} in ${plural(checked, 'file')}`);
    process.stdout.write(`${out.join('\n')}\n`);
  }
  if (process.env.TTS_BATCH_REPORT_RSS) {
    const u = process.resourceUsage();
    process.stderr.write(`maxRSS=${u.maxRSS * 1024} cpuMs=${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)}\n`);
  }
  return ioFailure ? 2 : errors ? 1 : 0;
}
