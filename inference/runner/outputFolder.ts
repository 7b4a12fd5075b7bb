// The output folder a run writes to: created and proved writable before any work, locked against a second run
// of the same batch, and with a private temp folder (same file system, so rename is atomic) cleaned of the
// half-written files a killed run leaves behind.
import * as fs from 'node:fs';
import * as path from 'node:path';

export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetupError';
  }
}

export interface OutputFolder {
  dir: string;
  /** Real path of dir (symlinks resolved), to keep outputs inside it. */
  realDir: string;
  tmpDir: string;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function prepareOutputFolder(dir: string, batchName: string): OutputFolder {
  const privateDir = path.join(dir, '.tts-batch');
  const tmpDir = path.join(privateDir, 'tmp');
  try {
    fs.mkdirSync(tmpDir, { recursive: true });
    const probe = path.join(tmpDir, `${batchName}-probe-${process.pid}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
  } catch (err) {
    throw new SetupError(`Cannot write to the output folder ${dir}: ${(err as Error).message}`);
  }
  const lock = path.join(privateDir, `${batchName}.lock`);
  for (let tries = 0; ; tries++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || tries > 2) {
        throw new SetupError(`Cannot lock the output folder ${dir}: ${(err as Error).message}`);
      }
      const owner = Number(fs.readFileSync(lock, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new SetupError(
          `Another tts-batch run (process ${owner}) is writing batch "${batchName}" into ${dir}; wait for it or stop it first`,
        );
      }
      fs.rmSync(lock, { force: true }); // left by a run that was killed
    }
  }
  // Half-written outputs of a killed run of this batch.
  for (const name of fs.readdirSync(tmpDir)) {
    if (name.startsWith(`${batchName}-`)) fs.rmSync(path.join(tmpDir, name), { force: true });
  }
  return {
    dir,
    realDir: fs.realpathSync(dir),
    tmpDir,
    release() {
      try {
        for (const name of fs.readdirSync(tmpDir)) if (name.startsWith(`${batchName}-`)) fs.rmSync(path.join(tmpDir, name), { force: true });
        fs.rmSync(lock, { force: true });
        fs.rmdirSync(tmpDir);
        fs.rmdirSync(privateDir);
      } catch {
        // another batch still uses the private folder
      }
    },
  };
}
