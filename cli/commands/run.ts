// Placeholder until the owner of this command lands it; replaced, never shipped.
export async function runBatch(_argv: string[]): Promise<number> {
  process.stderr.write('tts-batch run: not built yet\n');
  return 2;
}
