// Placeholder until the owner of this command lands it; replaced, never shipped.
export async function runValidate(_argv: string[]): Promise<number> {
  process.stderr.write('tts-batch validate: not built yet\n');
  return 2;
}
