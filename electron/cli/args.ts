import { parsePeriod } from '../../shared/model/period.js';
import { REGION_LEVELS, type RegionLevel } from '../../shared/model/region-code.js';
/** Parsed command line: a command, positional arguments and --flags (a flag without a value is true). */
export interface ParsedArgs {
  readonly command: string | null;
  readonly positional: readonly string[];
  readonly flags: Readonly<Record<string, string | true>>;
}

/** Parse `cmd a b --flag value --bool --k=v`. */
export function parseArgs(argv: readonly string[], booleanFlags: readonly string[] = ['json', 'help', 'dry-run', 'show-personal']): ParsedArgs {
  const positional: string[] = [];
  const flags: Record<string, string | true> = Object.create(null) as Record<string, string | true>;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 2) {
        flags[a.slice(2, eq)] = a.slice(eq + 1);
        continue;
      }
      const name = a.slice(2);
      const next = argv[i + 1];
      if (booleanFlags.includes(name) || next === undefined || next.startsWith('--')) flags[name] = true;
      else {
        flags[name] = next;
        i++;
      }
    } else positional.push(a);
  }
  return { command: positional[0] ?? null, positional: positional.slice(1), flags };
}

/** A flag's string value, or an error naming the flag. */
export function requireFlag(args: ParsedArgs, name: string): string {
  const v = args.flags[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`缺少参数 --${name}`);
  return v;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An optional flag's value; null when absent; a usage error when given without a value. */
export function optionalFlag(args: ParsedArgs, name: string): string | null {
  const v = args.flags[name];
  if (v === true) throw new UsageError(`--${name} 需要一个值`);
  return v ?? null;
}

/** `--level` (default county), checked against the region levels. */
export function levelFlag(args: ParsedArgs): RegionLevel {
  const level = (optionalFlag(args, 'level') ?? 'county') as RegionLevel;
  if (!REGION_LEVELS.includes(level)) throw new UsageError(`--level 应为 ${REGION_LEVELS.join('、')} 之一：${level}`);
  return level;
}

/** A required `--period` in the canonical form (2025, 2025Q3, 2025-09). */
export function periodFlag(args: ParsedArgs): string {
  const period = requireFlag(args, 'period');
  checkPeriod(period);
  return period;
}

/** Refuse a period that is not in the canonical form. */
export function checkPeriod(period: string): void {
  if (!parsePeriod(period)) throw new UsageError(`期间格式应为 2025、2025Q3 或 2025-09：${period}`);
}
