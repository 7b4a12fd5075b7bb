// Per task file: the line states (from runs here, from the journal of earlier runs, from a linked log), the
// run diagnostics drawn from them, and where the last run put its output. Edits move or clear states so
// problems stay on their tasks; the diagnostics are redrawn from the states, never edited by hand.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { applyTextChange, failedLines, problemsFromStates, type LineMapper, type LineStates } from './run/lineStates';
import { defaultOutputDir, journalPath, statesFromJournal } from './run/journal';
import { resolvePathSetting } from './run/cliArgs';
import { runSettings, workspaceFolderOf } from './settings';

export interface RunPlaces {
  outputDir: string;
  journalFile: string;
  logFile?: string;
}

const LAST_RUN_KEY = 'ttsBatch.lastRun';

export class LineStore implements vscode.Disposable {
  private readonly states = new Map<string, LineStates>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('tts-batch-run');
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when a file's line states changed (CodeLens refresh). */
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.diagnostics, this.emitter];
  private readonly pendingRender = new Map<string, vscode.Uri>();
  private renderTimer: NodeJS.Timeout | undefined;
  /** Files a run is writing right now: their journal is not re-read while the live events are the truth. */
  readonly live = new Set<string>();
  /**
   * Edits made to a file since its last batch here started, to put that run's line numbers (its events and
   * its journal) where those tasks are now. Replaced when the next run starts.
   */
  readonly mappers = new Map<string, LineMapper>();

  constructor(private readonly memento: vscode.Memento) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        // Keep failures of closed files visible in Problems; drop only files with nothing to show.
        const s = this.states.get(doc.uri.toString());
        if (s && failedLines(s).length === 0) this.states.delete(doc.uri.toString());
      }),
    );
  }

  get(uri: vscode.Uri): LineStates {
    const key = uri.toString();
    let s = this.states.get(key);
    if (!s) {
      s = new Map();
      this.states.set(key, s);
    }
    return s;
  }

  has(uri: vscode.Uri): boolean {
    return (this.states.get(uri.toString())?.size ?? 0) > 0;
  }

  /** Redraws the diagnostics and CodeLenses of a file soon (coalesces bursts of run events). */
  changed(uri: vscode.Uri, immediately = false): void {
    this.pendingRender.set(uri.toString(), uri);
    if (immediately) return this.flush();
    if (!this.renderTimer) this.renderTimer = setTimeout(() => this.flush(), 100);
  }

  flush(): void {
    if (this.renderTimer) clearTimeout(this.renderTimer);
    this.renderTimer = undefined;
    const uris = [...this.pendingRender.values()];
    this.pendingRender.clear();
    for (const uri of uris) {
      this.render(uri);
      this.emitter.fire(uri);
    }
  }

  clear(uri: vscode.Uri, origins?: Array<'run' | 'journal' | 'log'>): void {
    const s = this.get(uri);
    for (const [line, state] of [...s]) if (!origins || origins.includes(state.origin)) s.delete(line);
    this.changed(uri, true);
  }

  private render(uri: vscode.Uri): void {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const diags = problemsFromStates(this.get(uri)).map((p) => {
      const lineLength = doc && p.line < doc.lineCount ? doc.lineAt(p.line).text.length : p.column + 1;
      const start = Math.min(p.column, lineLength);
      const end = start < lineLength ? lineLength : start + 1;
      const d = new vscode.Diagnostic(new vscode.Range(p.line, start, p.line, end), p.message, vscode.DiagnosticSeverity.Error);
      d.source = p.source;
      d.code = p.code;
      return d;
    });
    this.diagnostics.set(uri, diags);
  }

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const s = this.states.get(key);
    const mapper = this.mappers.get(key);
    if ((!s || s.size === 0) && !mapper) return;
    if (e.contentChanges.length === 0) return;
    let changed = false;
    // Changes arrive in document order against the original text; applying from the last keeps earlier ranges valid.
    const changes = [...e.contentChanges].sort((a, b) => b.range.start.compareTo(a.range.start));
    for (const c of changes) {
      const change = {
        startLine: c.range.start.line,
        startCharacter: c.range.start.character,
        endLine: c.range.end.line,
        endCharacter: c.range.end.character,
        text: c.text,
        startLineLength: c.range.start.line < e.document.lineCount ? this.lengthBefore(e.document, c) : 0,
      };
      mapper?.record(change);
      if (s) changed = applyTextChange(s, change) || changed;
    }
    if (changed) this.changed(e.document.uri, true);
  }

  /** Length of the change's start line before the change, derived from the text after it. */
  private lengthBefore(doc: vscode.TextDocument, c: vscode.TextDocumentContentChangeEvent): number {
    const start = c.range.start;
    const sameLine = start.line === c.range.end.line;
    const removedOnLine = sameLine ? c.range.end.character - start.character : 0;
    const nl = c.text.lastIndexOf('\n');
    if (nl < 0) {
      return sameLine ? doc.lineAt(start.line).text.length - c.text.length + removedOnLine : Number.MAX_SAFE_INTEGER;
    }
    // The rest of the original line now follows the inserted text's last line.
    let k = 0;
    for (let i = 0; i < c.text.length; i++) if (c.text.charCodeAt(i) === 10) k++;
    const lastLine = start.line + k;
    if (lastLine >= doc.lineCount) return Number.MAX_SAFE_INTEGER;
    const suffix = doc.lineAt(lastLine).text.length - (c.text.length - nl - 1);
    return start.character + removedOnLine + Math.max(0, suffix);
  }

  // ---- where runs write ----------------------------------------------------------------------------

  rememberRun(taskFile: vscode.Uri, places: RunPlaces): void {
    const all = this.memento.get<Record<string, RunPlaces>>(LAST_RUN_KEY, {});
    all[taskFile.fsPath] = places;
    void this.memento.update(LAST_RUN_KEY, all);
  }

  /** The last run's folders, else where a run with the current settings would write. */
  places(taskFile: vscode.Uri): RunPlaces {
    const remembered = this.memento.get<Record<string, RunPlaces>>(LAST_RUN_KEY, {})[taskFile.fsPath];
    if (remembered) return remembered;
    const outputDir =
      resolvePathSetting(runSettings(taskFile).outputFolder, { taskFile: taskFile.fsPath, workspaceFolder: workspaceFolderOf(taskFile) }) ??
      defaultOutputDir(taskFile.fsPath);
    return { outputDir, journalFile: journalPath(outputDir, taskFile.fsPath) };
  }

  /** Shows the results of earlier runs (the journal) for a file that has no live states. */
  async loadJournal(taskFile: vscode.Uri): Promise<void> {
    const mapper = this.mappers.get(taskFile.toString());
    if (this.live.has(taskFile.toString())) return;
    const { outputDir, journalFile } = this.places(taskFile);
    let text: string;
    try {
      text = await fs.promises.readFile(journalFile, 'utf8');
    } catch {
      return; // never run: nothing to show
    }
    if (this.live.has(taskFile.toString())) return;
    const recorded = statesFromJournal(text, outputDir);
    // The journal numbers lines as they were when the run started; edits since then move or void them.
    const fromJournal = mapper?.edited ? remap(recorded, mapper) : recorded;
    const s = this.get(taskFile);
    const before = new Map(s);
    for (const [line, state] of [...s]) if (state.origin !== 'log') s.delete(line);
    for (const [line, state] of fromJournal) {
      if (s.has(line)) continue;
      // The live events of a run here know more than its journal (the column of a failure): keep them.
      const known = before.get(line);
      s.set(line, known && known.origin === 'run' && known.status === state.status ? { ...state, ...defined(known) } : state);
    }
    this.changed(taskFile, true);
  }

  dispose(): void {
    if (this.renderTimer) clearTimeout(this.renderTimer);
    for (const d of this.disposables) d.dispose();
  }
}

/** The fields that are set: merging them over a journal record keeps the record's where the live state has none. */
function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function remap(states: LineStates, mapper: LineMapper): LineStates {
  const out: LineStates = new Map();
  for (const [line, state] of states) {
    const to = mapper.map(line);
    if (to !== undefined) out.set(to, state);
  }
  return out;
}
