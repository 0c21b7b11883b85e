/** Small readers shared by the rule modules. */
import { Reporter } from '../definitions';
import { PlanResource } from '../types';
import { asBoolean, asNumber, asString, at, isUnknown, Unknown } from '../values';

/** How a `kmsKeyId`-style input names its key. */
export type KeyReference =
  | 'key-arn'
  | 'aws-managed-alias'
  | 'alias'
  | 'key-id'
  | 'unset'
  | 'unknown'
  | 'other';

export function keyReference(value: unknown): KeyReference {
  if (isUnknown(value)) return 'unknown';
  if (value === undefined || value === null || value === '') return 'unset';
  if (typeof value !== 'string') return 'other';
  if (/(^|:)alias\/aws\//.test(value)) return 'aws-managed-alias';
  if (/^arn:[^:]+:kms:[^:]*:[^:]*:key\/.+/.test(value)) return 'key-arn';
  if (/(^|:)alias\//.test(value)) return 'alias';
  if (/^(mrk-)?[0-9a-f-]{32,}$/i.test(value)) return 'key-id';
  return 'other';
}

/**
 * Requires a customer-managed key given by ARN. Reports and returns false when it is not;
 * an unknown value is reported as undetermined.
 */
export function requireKeyArn(
  resource: PlanResource,
  prop: string,
  report: Reporter,
  what: string,
): boolean {
  const value = at(resource.inputs, prop);
  const kind = keyReference(value);
  switch (kind) {
    case 'key-arn':
      return true;
    case 'unknown':
      report.undetermined(`${prop} is not known yet`);
      return false;
    case 'unset':
      report.violation(`${what} has no ${prop}: it is encrypted with an AWS-owned/managed key`);
      return false;
    case 'aws-managed-alias':
      report.violation(`${what} uses the AWS-managed key ${String(value)} (${prop})`);
      return false;
    default:
      report.violation(
        `${what} names its key as ${JSON.stringify(value)} (${prop}); a key ARN is required`,
      );
      return false;
  }
}

export const bool = (resource: PlanResource, path: string): boolean | undefined | Unknown =>
  asBoolean(at(resource.inputs, path));
export const num = (resource: PlanResource, path: string): number | undefined | Unknown =>
  asNumber(at(resource.inputs, path));
export const str = (resource: PlanResource, path: string): string | undefined | Unknown =>
  asString(at(resource.inputs, path));

/**
 * Whether an input path holds a Pulumi secret: true/false when the caller recorded secret
 * paths, undefined when it did not.
 */
export function isSecretInput(resource: PlanResource, path: string): boolean | undefined {
  if (resource.secretPaths === undefined) return undefined;
  return resource.secretPaths.some((p) => p === path || p.startsWith(`${path}.`));
}

export const ANYWHERE_V4 = '0.0.0.0/0';
export const ANYWHERE_V6 = '::/0';

export function isAnywhere(cidr: unknown): boolean {
  return cidr === ANYWHERE_V4 || cidr === ANYWHERE_V6;
}
