// What a per-task rule gets: the parsed object, where its members sit (found lazily), the profile and a reporter.
import type { ValidateFunction } from 'ajv';
import type { LineReporter } from './lineReporter';
import type { Profile } from './profile';
import type { Settings } from './settings';
import { locateMembers, quickValueRange, type Member } from './members';

export class TaskInput {
  private members?: Map<string, Member>;

  constructor(
    public text: string,
    public value: Record<string, unknown>,
    public objStart: number,
    public objEnd: number,
    public profile: Profile,
    public settings: Settings,
    public rep: LineReporter,
    public validateSchema: ValidateFunction,
  ) {}

  /** Points the same object at another line (analysis is synchronous, so one instance serves them all). */
  reset(text: string, value: Record<string, unknown>, objStart: number, objEnd: number, settings: Settings, rep: LineReporter): this {
    this.text = text;
    this.value = value;
    this.objStart = objStart;
    this.objEnd = objEnd;
    this.profile = settings.profile;
    this.settings = settings;
    this.rep = rep;
    this.validateSchema = settings.validateTask;
    this.members = undefined;
    return this;
  }

  /** Key and value ranges of a top-level member, located on first use (most lines never need them). */
  member(key: string): Member | undefined {
    if (!this.members) {
      this.members = new Map();
      for (const m of locateMembers(this.text, this.objStart)) if (!this.members.has(m.key)) this.members.set(m.key, m);
    }
    return this.members.get(key);
  }

  /** Value range of a field, or the whole object when the field is absent. */
  valueRange(key: string | undefined): [number, number] {
    if (this.members) {
      const m = key ? this.members.get(key) : undefined;
      return m ? [m.valueStart, m.valueEnd] : [this.objStart, this.objEnd];
    }
    return (key ? quickValueRange(this.text, key, this.objStart) : undefined) ?? [this.objStart, this.objEnd];
  }

  str(key: string | undefined): string | undefined {
    if (!key) return undefined;
    const v = this.value[key];
    return typeof v === 'string' ? v : undefined;
  }
}
