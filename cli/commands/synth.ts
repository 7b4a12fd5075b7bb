// Placeholder until the owner of this command lands it; replaced, never shipped.
export async function runSynth(_argv: string[]): Promise<number> {
  process.stderr.write('tts-batch synth: not built yet\n');
  return 2;
}
