// Where in a task line the cursor is: which key, on the key or on its value. Shared by hover and completion.
import type { Position, Range } from 'vscode-languageserver';
import type { Profile } from '../core';
import type { OpenDocument } from './openDocument';

export function contains(range: Range, pos: Position): boolean {
  if (pos.line < range.start.line || pos.line > range.end.line) return false;
  if (pos.line === range.start.line && pos.character < range.start.character) return false;
  if (pos.line === range.end.line && pos.character > range.end.character) return false;
  return true;
}

export interface KeyAtCursor {
  key: string;
  keyRange: Range;
  valueRange: Range;
  onKey: boolean;
  value: unknown;
}

export function keyAt(doc: OpenDocument, pos: Position): KeyAtCursor | undefined {
  const task = doc.doc.task(pos.line);
  if (!task) return undefined;
  for (const k of task.keys) {
    const onKey = contains(k.keyRange, pos);
    if (onKey || contains(k.valueRange, pos)) return { ...k, onKey, value: task.value[k.key] };
  }
  return undefined;
}

/** Keys whose values are audio paths in this profile. */
export function audioKeys(profile: Profile): string[] {
  const keys = profile.audioFields ? [...profile.audioFields] : [];
  if (profile.fields.promptAudio) keys.unshift(profile.fields.promptAudio);
  return keys;
}

/** A property's description from the profile schema, in the user's language when the schema has one. */
export function keyDescription(profile: Profile, key: string, locale: string): string | undefined {
  const props = (profile.schema as { properties?: Record<string, Record<string, unknown>> }).properties;
  const p = props?.[key];
  if (!p) return undefined;
  const localized = locale === 'zh-cn' ? p['x-description-zh-cn'] ?? p['x-description-zh'] : undefined;
  const d = localized ?? p.description;
  return typeof d === 'string' ? d : undefined;
}

export function isRequired(profile: Profile, key: string): boolean {
  const req = (profile.schema as { required?: unknown }).required;
  return Array.isArray(req) && req.includes(key);
}
