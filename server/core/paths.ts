// Path arithmetic without node:path (the core stays free of Node modules). Handles POSIX paths and
// Windows drive/UNC paths, because the language server may run on either.

export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

function isWindowsRoot(p: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

/**
 * Normalises an absolute path: resolves "." and "..", collapses separators. On POSIX a backslash is an
 * ordinary file-name character (that is exactly why it is reported as unportable), on Windows a separator.
 */
export function normalizePath(p: string): string {
  const windows = isWindowsRoot(p);
  const s = windows ? p.replace(/\\/g, '/') : p;
  let prefix = '';
  let rest = s;
  if (windows) {
    if (s.startsWith('//')) {
      const parts = s.slice(2).split('/');
      prefix = `//${parts.shift() ?? ''}/${parts.shift() ?? ''}`;
      rest = parts.join('/');
    } else {
      prefix = s.slice(0, 2);
      rest = s.slice(2);
    }
  }
  const out: string[] = [];
  for (const seg of rest.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `${prefix}/${out.join('/')}`;
}

/** The absolute path `raw` points to when relative paths resolve against `base` (an absolute folder). */
export function resolvePath(base: string, raw: string): string {
  if (isAbsolutePath(raw)) return normalizePath(raw);
  const sep = isWindowsRoot(base) ? '\\' : '/';
  return normalizePath(`${base}${sep}${raw}`);
}

export function dirname(p: string): string {
  const n = normalizePath(p);
  const i = n.lastIndexOf('/');
  if (i <= 0) return n.slice(0, i + 1) || '/';
  const d = n.slice(0, i);
  return /^[A-Za-z]:$/.test(d) ? `${d}/` : d;
}

export function basename(p: string): string {
  const i = p.replace(/\\/g, '/').lastIndexOf('/');
  return i >= 0 ? p.slice(i + 1) : p;
}

/** Whether `child` is `parent` or inside it (both absolute). */
export function isInside(parent: string, child: string): boolean {
  const a = normalizePath(parent);
  const b = normalizePath(child);
  const windows = isWindowsRoot(parent);
  const pa = windows ? a.toLowerCase() : a;
  const pb = windows ? b.toLowerCase() : b;
  return pb === pa || pb.startsWith(pa.endsWith('/') ? pa : `${pa}/`);
}

/** Same path after normalisation (case-insensitive on Windows paths). */
export function samePath(a: string, b: string): boolean {
  const na = normalizePath(a);
  const nb = normalizePath(b);
  return isWindowsRoot(a) ? na.toLowerCase() === nb.toLowerCase() : na === nb;
}
