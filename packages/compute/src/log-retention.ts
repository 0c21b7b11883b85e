/** Retention values CloudWatch Logs accepts, in days. */
export const CLOUDWATCH_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
];

/** The platform keeps logs at least a year (HIPAA baseline: explicit retention of 365 or more). */
export const MIN_LOG_RETENTION_DAYS = 365;

export const DEFAULT_LOG_RETENTION_DAYS = 365;

export function isAllowedLogRetention(days: unknown): days is number {
  return (
    typeof days === 'number' &&
    days >= MIN_LOG_RETENTION_DAYS &&
    CLOUDWATCH_RETENTION_DAYS.includes(days)
  );
}

export const LOG_RETENTION_ALLOWED = `one of ${CLOUDWATCH_RETENTION_DAYS.filter(
  (d) => d >= MIN_LOG_RETENTION_DAYS,
).join(', ')}`;
