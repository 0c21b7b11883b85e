/**
 * Backup/snapshot and maintenance windows as AWS writes them (UTC): a daily window
 * `hh24:mi-hh24:mi` and a weekly window `ddd:hh24:mi-ddd:hh24:mi`. RDS and ElastiCache refuse a
 * backup window that overlaps the maintenance window, so the components check it before deploying.
 */

import { SettingsCheck } from '@phi-platform/core';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** A window as minutes from Sunday 00:00 UTC; `end` may exceed the week when it wraps. */
export interface WeekInterval {
  readonly start: number;
  readonly end: number;
}

function clock(text: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Minutes covered by a daily window `hh24:mi-hh24:mi`, or undefined when malformed. */
export function dailyWindowMinutes(window: string): number | undefined {
  const [from, to, extra] = window.split('-');
  if (from === undefined || to === undefined || extra !== undefined) return undefined;
  const start = clock(from);
  const end = clock(to);
  if (start === undefined || end === undefined || start === end) return undefined;
  return (end - start + MINUTES_PER_DAY) % MINUTES_PER_DAY;
}

function weekClock(text: string): number | undefined {
  const day = DAYS.indexOf(text.slice(0, 3) as (typeof DAYS)[number]);
  if (day < 0 || text[3] !== ':') return undefined;
  const time = clock(text.slice(4));
  return time === undefined ? undefined : day * MINUTES_PER_DAY + time;
}

/** The interval of a weekly window `ddd:hh24:mi-ddd:hh24:mi`, or undefined when malformed. */
export function weeklyWindowInterval(window: string): WeekInterval | undefined {
  const [from, to, extra] = window.toLowerCase().split('-');
  if (from === undefined || to === undefined || extra !== undefined) return undefined;
  const start = weekClock(from);
  const end = weekClock(to);
  if (start === undefined || end === undefined || start === end) return undefined;
  return { start, end: end > start ? end : end + MINUTES_PER_WEEK };
}

/** The seven intervals a daily window covers in a week. */
function dailyIntervals(window: string): WeekInterval[] {
  const [from] = window.split('-');
  const start = clock(from ?? '') ?? 0;
  const length = dailyWindowMinutes(window) ?? 0;
  return DAYS.map((_, day) => ({
    start: day * MINUTES_PER_DAY + start,
    end: day * MINUTES_PER_DAY + start + length,
  }));
}

function intersects(a: WeekInterval, b: WeekInterval): boolean {
  // Compare b shifted by a week both ways, so intervals that wrap past Saturday still meet.
  return [-MINUTES_PER_WEEK, 0, MINUTES_PER_WEEK].some(
    (shift) => a.start < b.end + shift && b.start + shift < a.end,
  );
}

/** True when a well-formed daily window and a well-formed weekly window share any minute. */
export function windowsOverlap(dailyWindow: string, weeklyWindow: string): boolean {
  const weekly = weeklyWindowInterval(weeklyWindow);
  if (weekly === undefined || dailyWindowMinutes(dailyWindow) === undefined) return false;
  return dailyIntervals(dailyWindow).some((daily) => intersects(daily, weekly));
}

export interface WindowPair {
  /** The daily window (backups, snapshots) and the name of its setting. */
  readonly daily: { readonly setting: string; readonly window: string };
  /** The weekly maintenance window and the name of its setting. */
  readonly weekly: { readonly setting: string; readonly window: string };
  /** The shortest window the service accepts, in minutes. */
  readonly minimumMinutes: number;
}

/**
 * Records a problem for each malformed or too short window, and, when both are well formed, for
 * a maintenance window that overlaps the daily one (RDS and ElastiCache refuse that).
 */
export function checkWindows(check: SettingsCheck, pair: WindowPair): void {
  const { daily, weekly, minimumMinutes: min } = pair;
  const dailyMinutes = dailyWindowMinutes(daily.window);
  const week = weeklyWindowInterval(weekly.window);
  const dailyOk = check.require(dailyMinutes !== undefined && dailyMinutes >= min, {
    setting: daily.setting,
    value: daily.window,
    allowed: `a UTC window "hh24:mi-hh24:mi" of at least ${min} minutes, e.g. "03:00-04:00"`,
  });
  const weeklyOk = check.require(week !== undefined && week.end - week.start >= min, {
    setting: weekly.setting,
    value: weekly.window,
    allowed:
      `a UTC window "ddd:hh24:mi-ddd:hh24:mi" of at least ${min} minutes, ` +
      'e.g. "sun:05:00-sun:06:00"',
  });
  if (dailyOk && weeklyOk) {
    check.require(!windowsOverlap(daily.window, weekly.window), {
      setting: weekly.setting,
      value: weekly.window,
      allowed: `a window that does not overlap ${daily.setting} "${daily.window}"`,
    });
  }
}
