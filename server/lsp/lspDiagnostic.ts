// Turns the core's TaskDiagnostic into the LSP shape every client understands: source, code, a link to the
// rule's documentation, related lines in the same file, tags, and the core's `data` kept for quick fixes.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { TaskDiagnostic } from '../core';
import { ruleDocUrl } from './ruleLinks';

export const diagnosticSource = 'tts-batch';

const severity = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

// Text that can simply be deleted is shown faded, whatever the core said.
const deletable = new Set(['trailing-comma', 'blank-line', 'bom']);

export function toLspDiagnostic(d: TaskDiagnostic, uri: string): Diagnostic {
  const tags: DiagnosticTag[] = [];
  if (d.tags?.includes('unnecessary') || deletable.has(d.code)) tags.push(DiagnosticTag.Unnecessary);
  if (d.tags?.includes('deprecated')) tags.push(DiagnosticTag.Deprecated);
  const out: Diagnostic = {
    range: d.range,
    severity: severity[d.severity] ?? DiagnosticSeverity.Error,
    source: diagnosticSource,
    code: d.code,
    codeDescription: { href: ruleDocUrl(d.code) },
    message: d.message,
  };
  if (tags.length) out.tags = tags;
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri: r.uri ?? uri, range: r.range }, message: r.message }));
  }
  if (d.data !== undefined) out.data = d.data;
  return out;
}
