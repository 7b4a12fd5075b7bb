// Code actions: a quick fix per fixable diagnostic under the cursor (built from Diagnostic.data), a
// "delete all blank lines" when there are several, and source.fixAll applying every safe fix of the file.
import {
  CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit,
} from 'vscode-languageserver';
import type { Diagnostics } from './diagnostics';
import { deleteAllBlankLines, fixesFor, nonOverlapping, type FixRun } from './fixes';
import { diagnosticSource } from './lspDiagnostic';
import { msg } from './messages';
import type { OpenDocument } from './openDocument';
import type { Session } from './session';

export const fixAllKind = `${CodeActionKind.SourceFixAll}.tts-batch`;
export const codeActionKinds = [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, fixAllKind];

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function sameSpot(a: Diagnostic, b: Diagnostic): boolean {
  return a.code === b.code && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}

export async function codeActions(session: Session, diagnostics: Diagnostics, params: CodeActionParams): Promise<CodeAction[]> {
  const doc = await session.ready(params.textDocument.uri);
  if (!doc || !doc.checked) return [];
  const only = params.context.only;
  const out: CodeAction[] = [];
  const run: FixRun = { session, doc, ctx: session.contextFor(doc) };
  // Edits are positions in this version of the text; disk facts changing meanwhile does not move them.
  const textVersion = doc.version;

  if (wants(only, CodeActionKind.QuickFix)) {
    const ours = params.context.diagnostics.filter((d) => d.source === diagnosticSource);
    const known = diagnostics.lastKnown(doc.uri)?.lsp ?? [];
    for (const given of ours) {
      // Some clients do not echo `data` back: take it from what was published.
      const d = given.data === undefined ? known.find((k) => sameSpot(k, given)) ?? given : given;
      for (const fix of await fixesFor(run, d)) {
        out.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [given], isPreferred: fix.preferred,
          edit: { changes: { [doc.uri]: fix.edits } } });
      }
      if (d.code === 'blank-line') {
        const all = deleteAllBlankLines(doc);
        if (all.length > 1) {
          out.push({ title: msg(session.locale, 'deleteAllBlank'), kind: CodeActionKind.QuickFix, diagnostics: [given],
            edit: { changes: { [doc.uri]: all } } });
        }
      }
    }
  }
  // Asked explicitly (Source Action…, editor.codeActionsOnSave), or offered next to quick fixes at a problem.
  const fixAllWanted = only ? wants(only, fixAllKind) : params.context.diagnostics.length > 0;
  if (fixAllWanted) {
    const edits = await fixAllEdits(diagnostics, doc, run);
    if (edits.length) out.push({ title: msg(session.locale, 'fixAll'), kind: fixAllKind, edit: { changes: { [doc.uri]: edits } } });
  }
  // The text moved on while fixes were computed: their ranges would be wrong.
  return doc.version === textVersion ? out : [];
}

async function fixAllEdits(diagnostics: Diagnostics, doc: OpenDocument, run: FixRun): Promise<TextEdit[]> {
  const checked = await diagnostics.check(doc);
  if (!checked) return [];
  const edits: TextEdit[] = [];
  for (const d of checked.lsp) {
    const safe = (await fixesFor(run, d)).find((f) => f.safe);
    if (safe) edits.push(...safe.edits);
  }
  return nonOverlapping(edits);
}
