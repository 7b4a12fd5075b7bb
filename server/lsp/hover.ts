// Hover: on an audio path what the disk says about it, on a text its length against the limits, on a key
// its description from the profile's schema.
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import { textUnits, type Locale, type WavFacts } from '../core';
import { msg } from './messages';
import type { OpenDocument } from './openDocument';
import type { Session } from './session';
import { audioKeys, isRequired, keyAt, keyDescription } from './taskPosition';

export async function hover(session: Session, params: HoverParams): Promise<Hover | null> {
  const doc = await session.ready(params.textDocument.uri);
  if (!doc || !doc.checked) return null;
  const at = keyAt(doc, params.position);
  if (!at) return null;
  const profile = doc.doc.profile;
  const locale = session.locale;
  let text: string | undefined;
  if (at.onKey) {
    const d = keyDescription(profile, at.key, locale);
    const req = msg(locale, isRequired(profile, at.key) ? 'required' : 'optional');
    text = `**${at.key}** (${req})${d ? `\n\n${d}` : ''}`;
  } else if (typeof at.value === 'string' && audioKeys(profile).includes(at.key)) {
    text = await audioHover(session, doc, at.value);
  } else if (typeof at.value === 'string' && at.key === profile.fields.text) {
    text = textHover(doc, at.value, locale);
  }
  if (!text) return null;
  return { contents: { kind: MarkupKind.Markdown, value: text }, range: at.onKey ? at.keyRange : at.valueRange };
}

function describeWav(w: WavFacts, locale: Locale): string {
  const ch = w.channels === 1 ? msg(locale, 'mono') : w.channels === 2 ? msg(locale, 'stereo') : msg(locale, 'channels', w.channels);
  const fmt = w.audioFormat === 3 ? msg(locale, 'float') : w.audioFormat === 1 ? msg(locale, 'pcm') : `format ${w.audioFormat}`;
  return [msg(locale, 'seconds', w.durationSeconds.toFixed(2)), `${w.sampleRate} Hz`, ch, `${msg(locale, 'bits', w.bitsPerSample)} ${fmt}`].join(' · ');
}

async function audioHover(session: Session, doc: OpenDocument, raw: string): Promise<string> {
  const locale = session.locale;
  const abs = doc.doc.resolveAudioPath(raw);
  const lines = [`**${msg(locale, 'audioTitle')}** \`${raw}\``, '', `${msg(locale, 'resolved')}: \`${abs}\``, ''];
  const facts = await session.files.path(abs);
  if (facts.kind === 'missing') {
    lines.push(`✘ ${msg(locale, 'missing')}` + (facts.caseMatch ? ` — ${msg(locale, 'caseMatch', facts.caseMatch)}` : ''));
  } else if (facts.kind === 'directory') {
    lines.push(`✘ ${msg(locale, 'isFolder')}`);
  } else {
    const wav = await session.files.wav(abs);
    lines.push(wav.ok ? `✔ ${msg(locale, 'exists')} · ${describeWav(wav, locale)}` : `⚠ ${msg(locale, 'exists')} · ${msg(locale, 'notWav', wav.reason)}`);
  }
  return lines.join('\n');
}

function textHover(doc: OpenDocument, text: string, locale: Locale): string {
  const units = textUnits(text);
  const { recommendedUnits, maxUnits } = doc.settings.text;
  let verdict = '';
  if (units > maxUnits) verdict = `\n\n⚠ ${msg(locale, 'overMax')}`;
  else if (units > recommendedUnits) verdict = `\n\n${msg(locale, 'overRecommended')}`;
  return `**${msg(locale, 'textTitle')}**: ${msg(locale, 'units', units)} (${msg(locale, 'limits', recommendedUnits, maxUnits)})${verdict}`;
}
