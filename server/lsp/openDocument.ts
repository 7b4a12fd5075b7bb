// One open task file: the core's incremental TaskDocument plus what the glue needs around it (version,
// settings, which profile applies and why). LSP content changes become TaskDocument.replaceLines calls, so an
// edit costs in proportion to the lines it touches, never to the file.
import { detectProfile, TaskDocument, type Profile, type ValidationContext } from '../core';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { ServerSettings } from './settings';

export type ProfileSource = 'setting' | 'override' | 'detected' | 'none';

// How far down the file task lines are looked for to detect the profile, and how many of them are used.
const detectionWindow = 200;
const detectionLines = 10;

/** Lines as LSP (and the core) count them: \n, \r\n and a lone \r all end a line. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** What a document needs from the server around it. */
export interface DocumentHost {
  contextFor(doc: OpenDocument): ValidationContext;
  profilesFor(doc: OpenDocument): Profile[];
}

/** The first `n` lines of a text, without splitting the (possibly 20 MB) rest. */
function headLines(text: string, n: number): string[] {
  let end = -1;
  for (let i = 0; i < n; i++) {
    const next = text.indexOf('\n', end + 1);
    if (next < 0) return splitLines(text);
    end = next;
  }
  return splitLines(text.slice(0, end));
}

export class OpenDocument {
  /** Bumped whenever anything that changes the diagnostics changes (text, settings, disk facts). */
  generation = 0;
  /** Last line the profile was detected from; edits above or on it re-detect. */
  private detectedFrom = -1;
  private detected: string | undefined;
  profileOverride: string | undefined;
  settings: ServerSettings;
  readonly doc: TaskDocument;

  constructor(
    readonly uri: string,
    readonly filePath: string | undefined,
    public version: number,
    text: string,
    settings: ServerSettings,
    private host: DocumentHost,
  ) {
    this.settings = settings;
    this.redetect(headLines(text, detectionWindow));
    this.doc = new TaskDocument(text, this.host.contextFor(this));
  }

  /** The profile id in force and why; 'none' means the file is not a task file of any known kind. */
  get profileChoice(): { id: string | undefined; source: ProfileSource } {
    // A profile id nobody knows (typo in settings) must not silence the file: fall through to detection.
    const known = (id: string) => this.host.profilesFor(this).some((p) => p.id === id);
    if (this.profileOverride && known(this.profileOverride)) return { id: this.profileOverride, source: 'override' };
    if (this.settings.profile !== 'auto' && known(this.settings.profile)) return { id: this.settings.profile, source: 'setting' };
    if (this.detected) return { id: this.detected, source: 'detected' };
    return { id: undefined, source: 'none' };
  }

  /** Whether the file gets diagnostics at all (guard against .jsonl files that are not task files). */
  get checked(): boolean {
    return this.profileChoice.source !== 'none';
  }

  /** Applies LSP content changes in order; returns true when the profile in force changed (full recheck done). */
  applyChanges(changes: TextDocumentContentChangeEvent[], version: number): boolean {
    let touchedTop = false;
    for (const change of changes) {
      if (!('range' in change) || !change.range) {
        this.doc.replaceLines(0, this.doc.lineCount, splitLines(change.text));
        touchedTop = true;
        continue;
      }
      const last = this.doc.lineCount - 1;
      const { start, end } = change.range;
      const sLine = Math.min(Math.max(start.line, 0), last);
      const eLine = Math.min(Math.max(end.line, sLine), last);
      // A position past the end of the document means "end of the last line" (clients do send that).
      const sChar = start.line > last ? Infinity : start.character;
      const eChar = end.line > last ? Infinity : end.character;
      const first = this.doc.lineText(sLine);
      const lastText = sLine === eLine ? first : this.doc.lineText(eLine);
      const joined = first.slice(0, sChar) + change.text + lastText.slice(eChar);
      const newLines = /[\r\n]/.test(change.text) ? splitLines(joined) : [joined];
      this.doc.replaceLines(sLine, eLine + 1, newLines);
      if (this.detectedFrom < 0 || sLine <= this.detectedFrom) touchedTop = true;
    }
    this.version = version;
    this.generation++;
    if (!touchedTop) return false;
    const before = this.profileChoice.id;
    this.redetect();
    if (this.profileChoice.id === before) return false;
    this.doc.setContext(this.host.contextFor(this));
    return true;
  }

  /** Something besides the text changed (disk facts): everything must be checked again. */
  invalidate(): void {
    this.generation++;
  }

  /** Settings, extra profiles or an override changed: rebuild the context (the core rechecks everything). */
  refreshContext(): void {
    this.redetect();
    this.doc.setContext(this.host.contextFor(this));
    this.generation++;
  }

  private redetect(lines?: string[]): void {
    const line = (i: number) => (lines ? lines[i] : this.doc.lineText(i));
    const count = Math.min(lines ? lines.length : this.doc.lineCount, detectionWindow);
    // The core looks at the first few object lines; hand it those (bounded) and remember how far they reach.
    const head: string[] = [];
    let nonBlank = 0;
    let i = 0;
    for (; i < count && nonBlank < detectionLines; i++) {
      const t = line(i);
      head.push(t);
      if (t.trim() !== '') nonBlank++;
    }
    this.detectedFrom = nonBlank ? i - 1 : -1;
    if (!nonBlank) return;
    const found = detectProfile(head.join('\n'), this.host.profilesFor(this));
    // Sticky: while the user is half-way through retyping the first line it parses as nothing; keep the
    // profile the file had rather than making every diagnostic vanish.
    if (found) this.detected = found;
  }

  /** Number of task lines (non-blank lines): task N is line N. */
  taskCount(): number {
    let n = 0;
    for (let i = 0; i < this.doc.lineCount; i++) if (this.doc.lineText(i).trim() !== '') n++;
    return n;
  }
}
