/**
 * Checks of ARNs the caller passes in. Each returns what is wrong in words (or undefined), so
 * constructors can report plain strings at once and `Output`s when they resolve.
 */

const KMS_KEY_ARN = /^arn:[a-z0-9-]+:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const IAM_ROLE_ARN = /^arn:[a-z0-9-]+:iam::\d{12}:role\/[\w+=,.@/-]+$/;

export const KMS_KEY_ARN_ALLOWED =
  'a KMS key ARN, arn:<partition>:kms:<region>:<account>:key/<key id> (not an alias, alias ARN ' +
  'or bare key id: Secrets Manager and the policy pack compare the key by ARN)';

export const IAM_ROLE_ARN_ALLOWED =
  'an IAM role ARN, arn:<partition>:iam::<account>:role/<name>, without wildcards';

/** Undefined when `value` is a KMS key ARN; otherwise why not. */
export function kmsKeyArnProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return 'not a non-empty string';
  if (value.startsWith('alias/') || /:alias\//.test(value)) return 'an alias, not a key ARN';
  if (!value.startsWith('arn:')) return 'a bare key id, not a key ARN';
  if (!KMS_KEY_ARN.test(value))
    return 'not of the form arn:<partition>:kms:<region>:<account>:key/<id>';
  return undefined;
}

/** Undefined when `value` is a role ARN without wildcards; otherwise why not. */
export function iamRoleArnProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return 'not a non-empty string';
  if (value.includes('*') || value.includes('?')) return 'contains a wildcard';
  if (!IAM_ROLE_ARN.test(value))
    return 'not of the form arn:<partition>:iam::<account>:role/<name>';
  return undefined;
}
