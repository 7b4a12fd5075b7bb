// Document symbols: one per task line (`17 · output_017 · 今天天气…`) for Outline, breadcrumbs and Go to
// Symbol. Capped like the JSON server caps huge files; the client is told when the cap is hit.
import {
  NotificationType, SymbolKind,
  type DocumentSymbol, type DocumentSymbolParams, type SymbolInformation,
} from 'vscode-languageserver';
import { readTask } from '../core';
import { msg } from './messages';
import type { Session } from './session';

export interface ResultLimitReachedParams { uri: string; feature: 'documentSymbols'; limit: number; total: number }
export const resultLimitReached = new NotificationType<ResultLimitReachedParams>('ttsBatch/resultLimitReached');

const previewLength = 24;

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > previewLength ? `${flat.slice(0, previewLength)}…` : flat;
}

export async function documentSymbols(session: Session, params: DocumentSymbolParams, hierarchical: boolean):
  Promise<DocumentSymbol[] | SymbolInformation[] | null> {
  const doc = await session.ready(params.textDocument.uri);
  if (!doc || !doc.checked) return null;
  const limit = doc.settings.outlineMaxItems;
  const ctx = session.contextFor(doc);
  const profile = doc.doc.profile;
  const out: DocumentSymbol[] = [];
  let total = 0;
  for (let line = 0; line < doc.doc.lineCount; line++) {
    const text = doc.doc.lineText(line);
    if (text.trim() === '') continue;
    total++;
    if (out.length >= limit) continue; // keep counting, for the notice
    const task = readTask(text, line, profile, ctx);
    if (!task) continue;
    const what = task.text !== undefined ? preview(task.text) : task.textFile ?? '';
    const range = { start: { line, character: 0 }, end: { line, character: text.length } };
    const outputKey = profile.fields.outputName ? doc.doc.task(line)?.keys.find((k) => k.key === profile.fields.outputName) : undefined;
    out.push({
      name: [String(line + 1), task.outputName, what].filter((s) => s !== '').join(' · '),
      kind: SymbolKind.Object,
      range,
      selectionRange: outputKey?.valueRange ?? range,
    });
  }
  if (total > limit && out.length >= limit) {
    session.connection.sendNotification(resultLimitReached, { uri: doc.uri, feature: 'documentSymbols', limit, total });
    session.connection.console.info(msg(session.locale, 'outlineCapped', doc.filePath ?? doc.uri, limit, total));
  }
  if (hierarchical) return out;
  return out.map((s) => ({ name: s.name, kind: s.kind, location: { uri: doc.uri, range: s.range } }));
}
