// Output names that write outside the output folder or fail on some systems: separators, "..", absolute
// paths, characters not allowed in file names, reserved Windows names. In GLM-TTS a "/" in uttid quietly
// creates sub-folders (warned separately, since it may be intended).
import type { TaskInput } from '../taskInput';

const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
// eslint-disable-next-line no-control-regex
const BAD_CHARS = /[<>:"|?*\u0000-\u001f]/;

interface Problem {
  en: string;
  zh: string;
}

function problemsOf(name: string, kind: 'name' | 'path' | 'id'): Problem[] {
  const out: Problem[] = [];
  if (name.startsWith('/') || /^[A-Za-z]:[\\/]/.test(name) || name.startsWith('\\\\')) out.push({ en: 'is an absolute path', zh: '是绝对路径' });
  else if (name.split(/[\\/]/).includes('..')) out.push({ en: 'contains ".."', zh: '含有 ".."' });
  if (kind === 'name' && /[\\/]/.test(name)) out.push({ en: 'contains a path separator', zh: '含有路径分隔符' });
  if (kind !== 'name' && name.includes('\\')) out.push({ en: 'contains a backslash', zh: '含有反斜杠' });
  if (BAD_CHARS.test(kind === 'name' ? name : name.replace(/^[A-Za-z]:/, ''))) {
    out.push({ en: 'has characters not allowed in file names (< > : " | ? * or control characters)', zh: '含有文件名不允许的字符（< > : " | ? * 或控制字符）' });
  }
  const segments = name.split(/[\\/]/);
  if (segments.some((s) => RESERVED.test(s))) out.push({ en: 'is a reserved device name on Windows', zh: '是 Windows 保留的设备名' });
  if (segments.some((s) => /[. ]$/.test(s) && s !== '.' && s !== '..')) out.push({ en: 'ends with a dot or a space', zh: '以点或空格结尾' });
  if (!name.trim()) out.push({ en: 'is blank', zh: '为空白' });
  return out;
}

/** A safe stand-in for a bad name: unsafe characters become "_", dots and spaces trimmed. */
export function safeName(name: string, kind: 'name' | 'path' | 'id'): string {
  const keepSlash = kind === 'path';
  let s = name
    .replace(/^[A-Za-z]:(?=[\\/])/, '')
    .split(/[\\/]+/)
    .filter((seg) => seg && seg !== '.' && seg !== '..')
    .map((seg) => seg.replace(/[<>:"|?*\u0000-\u001f]/g, '_').replace(/[. ]+$/, '').replace(RESERVED, '_$1$2'))
    .filter(Boolean)
    .join(keepSlash ? '/' : '_');
  s = s.trim();
  return s || 'output';
}

/** The output name as the profile's tool will use it (GLM-TTS formats any JSON value into the name). */
export function outputNameOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null) return 'None';
  return undefined;
}

export function checkOutputName(input: TaskInput, field: string, name: string): void {
  const kind = input.profile.output ?? 'name';
  // Plain names (letters, digits, - _ .) are the common case: skip the detailed checks and range lookup.
  if (/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name) && !/\.$/.test(name) && !RESERVED.test(name)) return;
  const [start, end] = input.valueRange(field);
  const problems = problemsOf(name, kind === 'id' ? 'path' : kind);
  if (problems.length) {
    const suggestion = safeName(name, kind === 'id' ? 'name' : kind);
    input.rep.report(
      'unsafe-output-name',
      start,
      end,
      { name, reason: problems.map((p) => p.en).join(', '), reasonZh: problems.map((p) => p.zh).join('，'), suggestion },
      { field, name, suggestion },
    );
    return;
  }
  if (kind === 'id' && name.includes('/')) {
    input.rep.report('output-creates-folders', start, end, { field, name, profile: input.profile.id }, { field, name, suggestion: name.replace(/\//g, '_') });
  }
}
