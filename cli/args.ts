// A small shared argument parser for the `tts-batch` commands: node:util's parseArgs with the errors a user
// can act on ("unknown option --x", "--format needs a value") and a typed result. Generic on purpose.
import { parseArgs as nodeParseArgs, type ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export class UsageError extends Error {}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

/** Parses argv against `options`; throws UsageError with a plain message on anything it does not accept. */
export function parseArgs(argv: string[], options: OptionSpec, allowPositionals = true): ParsedArgs {
  try {
    const { values, positionals } = nodeParseArgs({ args: argv, options, allowPositionals, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new UsageError(msg.replace(/\. To specify a positional argument.*$/s, '').replace(/^Unknown option '(.*)'$/, 'unknown option $1'));
  }
}

/** A string option that must be one of `allowed` (or absent). */
export function oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw new UsageError(`--${name} must be one of: ${allowed.join(', ')} (got "${String(value)}")`);
  }
  return value as T;
}

/** A positive whole-number option (or absent). */
export function positiveInt(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} must be a positive whole number (got "${String(value)}")`);
  return n;
}
