// A line that parses but is not an object ("[...]", "\"text\"", 42): no task can be read from it.
import type { LineReporter } from '../lineReporter';

const KINDS: Record<string, [string, string]> = {
  array: ['a list', '列表'],
  string: ['a string', '字符串'],
  number: ['a number', '数字'],
  boolean: ['a boolean', '布尔值'],
  null: ['null', 'null'],
};

export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function reportNotAnObject(value: unknown, start: number, end: number, rep: LineReporter): void {
  const kind = kindOf(value);
  const [en, zh] = KINDS[kind] ?? [kind, kind];
  rep.report('not-an-object', start, end, { kind: en, kindZh: zh }, { kind });
}
