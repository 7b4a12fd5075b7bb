// Which processes of a code-server's process group are still alive: a cancelled batch must leave no runner
// or engine worker behind. Reads /proc (Linux, as in CI).
import * as fs from 'node:fs';

export interface ProcessInfo {
  pid: number;
  command: string;
}

export function processesInGroup(pgid: number): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the parenthesised command: state ppid pgrp ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const command = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      found.push({ pid: Number(name), command });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}
