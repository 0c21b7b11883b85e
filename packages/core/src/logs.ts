import { formatArn } from './arn';
import { AwsContext } from './aws-context';

/** The retention periods CloudWatch Logs accepts, in days (any other value is refused by AWS). */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;

/** Logs of this platform are kept at least a year: audit trails of access to PHI. */
export const MIN_LOG_RETENTION_DAYS = 365;

export const DEFAULT_LOG_RETENTION_DAYS = 365;

/** The retention periods a component of the platform may use: CloudWatch's, from a year up. */
export const PLATFORM_LOG_RETENTION_DAYS: readonly number[] = CLOUDWATCH_RETENTION_DAYS.filter(
  (days) => days >= MIN_LOG_RETENTION_DAYS,
);

export function isAllowedLogRetention(days: unknown): days is number {
  return typeof days === 'number' && PLATFORM_LOG_RETENTION_DAYS.includes(days);
}

/** What an error message says is allowed for a log retention setting. */
export const LOG_RETENTION_ALLOWED = `one of ${PLATFORM_LOG_RETENTION_DAYS.join(', ')}`;

/** `arn:<partition>:logs:<region>:<account>:log-group:<name>`, as IAM compares it (no `:*`). */
export function logGroupArn(ctx: AwsContext, logGroupName: string): string {
  return formatArn({
    partition: ctx.partition,
    service: 'logs',
    region: ctx.region,
    accountId: ctx.accountId,
    resource: `log-group:${logGroupName}`,
  });
}
