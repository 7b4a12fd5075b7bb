// Completion: on an empty line a whole task line (snippet), at a key position the schema's keys not yet
// used, inside an audio path the folders and .wav files under the audio root, one level at a time.
import { getLocation, parse } from 'jsonc-parser';
import {
  CompletionItemKind, InsertTextFormat,
  type CompletionItem, type CompletionList, type CompletionParams, type Range,
} from 'vscode-languageserver';
import type { Profile } from '../core';
import { msg } from './messages';
import type { OpenDocument } from './openDocument';
import type { Session } from './session';
import { audioKeys, isRequired, keyDescription } from './taskPosition';

export const completionTriggers = ['"', '/'];

type SchemaProps = Record<string, { type?: unknown; description?: unknown }>;

function schemaProps(profile: Profile): SchemaProps {
  return ((profile.schema as { properties?: SchemaProps }).properties ?? {}) as SchemaProps;
}

/** Keys a fresh task line should hold, in the schema's order: the required ones and the named roles. */
function taskLineKeys(profile: Profile): string[] {
  const f = profile.fields;
  const wanted = new Set<string>([f.promptAudio, f.promptText, f.text ?? f.textFile, f.outputName].filter((k): k is string => !!k));
  return Object.keys(schemaProps(profile)).filter((k) => wanted.has(k) || (isRequired(profile, k) && k !== f.textFile));
}

function valueSnippet(type: unknown, n: number, placeholder = ''): string {
  const ph = placeholder.replace(/[$}\\]/g, '\\$&');
  if (type === 'string' || type === undefined) return `"\${${n}:${ph}}"`;
  if (type === 'array') return `[\${${n}}]`;
  return `\${${n}:${ph}}`;
}

function previousTaskValue(doc: OpenDocument, line: number, key: string | undefined): string | undefined {
  if (!key) return undefined;
  for (let l = line - 1; l >= 0 && l >= line - 50; l--) {
    const v = doc.doc.task(l)?.value[key];
    if (typeof v === 'string') return v;
  }
  return undefined;
}

function taskLineItem(session: Session, doc: OpenDocument, line: number, range: Range): CompletionItem {
  const profile = doc.doc.profile;
  const props = schemaProps(profile);
  const f = profile.fields;
  const keys = taskLineKeys(profile);
  // The voice usually stays the same from one line to the next: offer the previous line's prompt.
  const defaults: Record<string, string> = {};
  for (const k of [f.promptAudio, f.promptText]) {
    const v = previousTaskValue(doc, line, k);
    if (k && v !== undefined) defaults[k] = v;
  }
  if (f.outputName) {
    defaults[f.outputName] = profile.output === 'path' ? `out/${String(line + 1).padStart(4, '0')}.wav`
      : profile.output === 'id' ? String(line + 1) : `output_${String(line + 1).padStart(4, '0')}`;
  }
  const snippet = `{${keys.map((k, i) => `"${k}": ${valueSnippet(props[k]?.type, i + 1, defaults[k])}`).join(', ')}}`;
  const plain = JSON.stringify(Object.fromEntries(keys.map((k) => [k, props[k]?.type === 'array' ? [] : defaults[k] ?? ''])));
  const snippets = session.support.snippets;
  return {
    label: `{ ${keys.join(', ')} }`,
    kind: CompletionItemKind.Snippet,
    detail: `${msg(session.locale, 'taskSnippet')} · ${profile.title}`,
    textEdit: { range, newText: snippets ? snippet : plain },
    insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    sortText: '0',
  };
}

export async function complete(session: Session, params: CompletionParams): Promise<CompletionList | null> {
  const doc = await session.ready(params.textDocument.uri);
  if (!doc || !doc.checked) return null;
  const { line, character } = params.position;
  if (line >= doc.doc.lineCount) return null;
  const text = doc.doc.lineText(line);
  const profile = doc.doc.profile;
  if (text.trim() === '') {
    const range = { start: { line, character: 0 }, end: { line, character: text.length } };
    return { isIncomplete: false, items: [taskLineItem(session, doc, line, range)] };
  }
  const loc = getLocation(text, character);
  const node = loc.previousNode;
  if (loc.isAtPropertyKey && loc.path.length === 1) {
    const present = new Set(Object.keys((parse(text) as Record<string, unknown> | undefined) ?? {}));
    const range: Range = node && node.type === 'string'
      ? { start: { line, character: node.offset }, end: { line, character: node.offset + node.length } }
      : { start: params.position, end: params.position };
    const typedKey = node?.type === 'string' ? String(node.value) : undefined;
    const props = schemaProps(profile);
    const items: CompletionItem[] = [];
    for (const [key, p] of Object.entries(props)) {
      if (present.has(key) && key !== typedKey) continue;
      const snippets = session.support.snippets;
      items.push({
        label: key,
        kind: CompletionItemKind.Property,
        detail: msg(session.locale, isRequired(profile, key) ? 'required' : 'optional'),
        documentation: keyDescription(profile, key, session.locale),
        filterText: `"${key}"`,
        textEdit: { range, newText: snippets ? `"${key}": ${valueSnippet(p.type, 1)}` : `"${key}": ` },
        insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        sortText: (isRequired(profile, key) ? '0' : '1') + key,
      });
    }
    return { isIncomplete: false, items };
  }
  if (node && node.type === 'string' && loc.path.length === 1 && audioKeys(profile).includes(String(loc.path[0]))) {
    return audioPathItems(session, doc, line, node.offset + 1, character, text);
  }
  return null;
}

async function audioPathItems(session: Session, doc: OpenDocument, line: number, valueStart: number, cursor: number, text: string): Promise<CompletionList> {
  const typed = text.slice(valueStart, cursor);
  const slash = typed.lastIndexOf('/');
  const folderPart = typed.slice(0, slash + 1);
  // Resolving a dummy name inside the folder gives the folder with the profile's own base and rules.
  const probe = doc.doc.resolveAudioPath(`${folderPart}x`);
  const absDir = probe.slice(0, probe.length - 1);
  const names = (await session.files.list(absDir.length > 1 ? absDir.replace(/[\\/]$/, '') : absDir)) ?? [];
  const range: Range = { start: { line, character: valueStart + slash + 1 }, end: { line, character: cursor } };
  const items: CompletionItem[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const facts = await session.files.path(absDir + name);
    if (facts.kind === 'directory') {
      items.push({
        label: `${name}/`, kind: CompletionItemKind.Folder, detail: msg(session.locale, 'folder'),
        textEdit: { range, newText: `${name}/` }, sortText: `0${name}`,
        command: { title: 'next level', command: 'editor.action.triggerSuggest' },
      });
    } else if (facts.kind === 'file' && /\.wav$/i.test(name)) {
      items.push({ label: name, kind: CompletionItemKind.File, textEdit: { range, newText: name }, sortText: `1${name}` });
    }
  }
  return { isIncomplete: false, items };
}
