/**
 * Argument and settings validation that reports every problem at once, before any resource is
 * registered. Each problem names the setting, the value given and what is allowed.
 */

export interface SettingProblem {
  /** The argument or setting key, e.g. `backupRetentionDays` or `data.backupRetentionDays`. */
  readonly setting: string;
  /** The value that was given (rendered with JSON), or undefined when it was missing. */
  readonly value: unknown;
  /** What would be accepted, in words: `a whole number from 30 to 35`. */
  readonly allowed: string;
  /** Why, when the rule is not obvious: `HIPAA baseline`, `Aurora's limit`. */
  readonly reason?: string;
}

export function describeProblem(problem: SettingProblem): string {
  const given = problem.value === undefined ? 'nothing (missing)' : renderValue(problem.value);
  const why = problem.reason ? ` (${problem.reason})` : '';
  return `${problem.setting}: got ${given}; allowed: ${problem.allowed}${why}`;
}

function renderValue(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Thrown with every problem of one subject (a component or a stack's settings). */
export class InvalidSettingsError extends Error {
  public readonly problems: readonly SettingProblem[];
  public readonly subject: string;

  constructor(subject: string, problems: readonly SettingProblem[]) {
    const lines = problems.map((p) => `  - ${describeProblem(p)}`);
    super(`Invalid settings for ${subject} (${problems.length}):\n${lines.join('\n')}`);
    this.name = 'InvalidSettingsError';
    this.subject = subject;
    this.problems = problems;
  }
}

/**
 * Collects problems, then throws them together:
 *
 *     const check = new SettingsCheck('AuroraPostgres "db"');
 *     check.require(days >= 30, { setting: 'backupRetentionDays', value: days, allowed: '30 to 35' });
 *     check.throwIfAny();
 */
export class SettingsCheck {
  private readonly problems: SettingProblem[] = [];

  constructor(private readonly subject: string) {}

  /** Records `problem` unless `ok` holds. Returns `ok` so callers can skip dependent checks. */
  public require(ok: boolean, problem: SettingProblem): boolean {
    if (!ok) this.problems.push(problem);
    return ok;
  }

  public add(problem: SettingProblem): void {
    this.problems.push(problem);
  }

  public get count(): number {
    return this.problems.length;
  }

  public throwIfAny(): void {
    if (this.problems.length > 0) throw new InvalidSettingsError(this.subject, this.problems);
  }
}

/** A whole number within `[min, max]`. */
export function isIntegerBetween(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
