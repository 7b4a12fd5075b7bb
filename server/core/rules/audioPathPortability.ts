// Audio paths that work here but break elsewhere: spaces, non-ASCII characters, backslashes, and
// absolute paths outside the project. Pure text checks, no disk access.
import type { TaskInput } from '../taskInput';
import { isAbsolutePath, isInside, resolvePath } from '../paths';

export function checkAudioPath(input: TaskInput, field: string, raw: string): void {
  // Clean ASCII relative paths are the common case: one regex test, and the value range is never located.
  if (!/[^\x21-\x7e]|\\|^\//.test(raw) && !/^[A-Za-z]:/.test(raw)) return;
  const [start, end] = input.valueRange(field);
  const rep = input.rep;
  if (raw.includes(' ')) rep.report('path-spaces', start, end, {}, { field, path: raw });
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(raw)) rep.report('path-non-ascii', start, end, {}, { field, path: raw });
  const windowsAbsolute = /^[A-Za-z]:\\/.test(raw) || raw.startsWith('\\\\');
  if (raw.includes('\\') && !windowsAbsolute) {
    const replacement = raw.replace(/\\+/g, '/');
    rep.report('path-backslash', start, end, { replacement }, { field, replacement });
  }
  if (isAbsolutePath(raw)) {
    const root = input.settings.projectRoot;
    if (!isInside(root, resolvePath(root, raw))) rep.report('path-outside-project', start, end, { root }, { field, path: raw, projectRoot: root });
  }
}
