// Profile-declared field groups (IndexTTS2): fields that exclude each other, groups where exactly one is
// required, numeric lists with a maximum sum (emotion_vector ≤ 0.8).
import type { TaskInput } from '../taskInput';

const list = (fields: string[]): string => fields.map((f) => `"${f}"`).join(', ');

export function checkFieldGroups(input: TaskInput, reported: ReadonlySet<string>): void {
  const { profile, value, rep } = input;
  if (!profile.exclusive && !profile.oneOf && !profile.maxSum) return;
  for (const group of profile.exclusive ?? []) {
    const present = group.filter((f) => value[f] !== undefined);
    if (present.length < 2) continue;
    // Point at the second one onward: the first is the one to keep by default.
    const m = input.member(present[1]);
    const [start, end] = m ? [m.keyStart, m.valueEnd] : [input.objStart, input.objEnd];
    rep.report('conflicting-fields', start, end, { fields: list(present) }, { fields: present, keep: present[0], remove: present.slice(1) });
  }
  for (const group of profile.oneOf ?? []) {
    if (group.some((f) => value[f] !== undefined)) continue;
    if (group.some((f) => reported.has(f))) continue;
    rep.report('missing-one-of', input.objStart, input.objEnd, { fields: list(group) }, { fields: group });
  }
  for (const [field, max] of Object.entries(profile.maxSum ?? {})) {
    const v = value[field];
    if (!Array.isArray(v) || reported.has(field) || !v.every((x) => typeof x === 'number')) continue;
    const sum = (v as number[]).reduce((a, b) => a + b, 0);
    if (sum <= max + 1e-9) continue;
    const [start, end] = input.valueRange(field);
    rep.report('sum-too-large', start, end, { field, sum: Number(sum.toFixed(3)), max }, { field, sum, max });
  }
}
