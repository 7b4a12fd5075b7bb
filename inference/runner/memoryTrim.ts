// A long batch supervisor should hold steady memory, but V8 collects lazily: after the planning pass over a
// 100,000-line file the heap holds tens of MB of garbage it may keep for minutes. A full collection at the end of
// each big phase returns it. `gc` is reached the documented way (--expose-gc set at run time, read from a fresh
// context); where that is refused this does nothing.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

let collect: (() => void) | null | undefined;

export function trimMemory(): void {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  try {
    collect?.();
  } catch {
    collect = null;
  }
}
