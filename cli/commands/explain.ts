// Placeholder until the owner of this command lands it; replaced, never shipped.
export async function runExplain(_argv: string[]): Promise<number> {
  process.stderr.write('tts-batch explain: not built yet\n');
  return 2;
}
