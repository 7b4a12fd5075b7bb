// The runner's public face: what the CLI and other Node callers use.
export { runBatch, SetupError, BatchCancelled, type BatchSummary } from './runBatch';
export type { RunOptions } from './options';
export { defaults, taskTimeoutSeconds, batchNameOf } from './options';
export type { RunEvent, BatchHeader, TaskErrorKind } from './events';
export { readJournal, journalRecords, JournalIndex, type JournalRecord, type TaskStatus } from './journal';
export { explainLog, type Explanation, type ExplainedError, type LogFormat } from './explain';
export { describeEvent, compactLines, timestamp } from './logFormat';
