// Public API of the validation core (see docs/architecture.md, "Validation core"). Pure: no vscode, no LSP,
// no fs; disk access only through an injected FileFacts.
export * from './types';
export * from './fileFacts';
export type { Profile, ProfileFields } from './profile';
export { builtinProfiles, profileFromSchema, detectProfile, allProfiles, knownKeys, DEFAULT_PROFILE } from './profile';
export type { ValidationContext } from './context';
export { validate, validateBytes } from './validate';
export { TaskDocument, type ParsedTask } from './document';
export { createLineValidator, type LineValidator } from './lineValidator';
export { readTask, type TaskFields } from './readTask';
export { textUnits, splitSentences, splitOffsets, hasFinalPunctuation } from './text';
export { diagnosticCodes, defaultSeverity } from './messages';
export { DEFAULT_TEXT_LIMITS, DEFAULT_AUDIO_LIMITS } from './settings';
export { decodeUtf8, type DecodedText, type Utf8Problem } from './utf8';
export { parseWavHeader, readWavHeader, type ByteReader } from './wavHeader';
export { resolvePath, isAbsolutePath } from './paths';
export { defaultOutputName } from './rules/duplicateOutput';
export { sortDiagnostics } from './finalize';
