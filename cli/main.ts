// `tts-batch` entry: dispatches to one command module each. Exit codes (a contract, see README):
// 0 success, 1 the work found errors or failed tasks, 2 usage or set-up / I/O failure.
type Command = (argv: string[]) => Promise<number>;

// Each command is required only when it runs: `validate` then never initialises the runner or the engine client.
const commands: Record<string, () => Command> = {
  validate: () => require('./commands/validate').runValidate,
  run: () => require('./commands/run').runBatch,
  synth: () => require('./commands/synth').runSynth,
  explain: () => require('./commands/explain').runExplain,
};

const usage = `Usage: tts-batch <command> [options]

Commands:
  validate [--profile P] [--audio-root DIR] [--format text|json] FILE...   check task files
  run TASKFILE [--out DIR] [options]                                       run a batch
  synth --text "..." --out FILE.wav [options]                              synthesize one text
  explain LOG TASKFILE                                                     map a run log's errors to task lines

Run "tts-batch <command> --help" for the options of a command.
`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage);
    return name ? 0 : 2;
  }
  if (name === '--version') {
    process.stdout.write(`${require('../package.json').version}\n`);
    return 0;
  }
  const command = commands[name]?.();
  if (!command) {
    process.stderr.write(`tts-batch: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`tts-batch: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
