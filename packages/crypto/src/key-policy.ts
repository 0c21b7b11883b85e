/**
 * The key policy of an `EncryptionKey`, built as data from where the program deploys. Pure:
 * everything depends on the `AwsContext` and the role ARNs passed in, so tests and the policy
 * pack read the exact statements for any region and partition without deploying.
 */
import {
  arnLike,
  asArray,
  AwsContext,
  formatArn,
  PolicyDocument,
  policyDocument,
  PolicyStatement,
  regionalServiceHost,
} from '@phi-platform/core';

/** Services that use the key on a caller's behalf and are admitted through `kms:ViaService`. */
export const VIA_SERVICES = ['rds', 'secretsmanager', 'elasticache'] as const;
export type ViaService = (typeof VIA_SERVICES)[number];

/** Stable statement ids: the policy pack and other packages may look statements up by them. */
export const KEY_POLICY_SIDS = {
  accountRoot: 'AccountRootFullAccess',
  administrators: 'KeyAdministrators',
  cloudWatchLogs: 'CloudWatchLogsThisAccountAndRegion',
  viaService: {
    rds: 'UseThroughRds',
    secretsmanager: 'UseThroughSecretsManager',
    elasticache: 'UseThroughElastiCache',
  } satisfies Record<ViaService, string>,
  grantsForAwsResources: 'GrantsOnlyForAwsResources',
  ecsTaskRoles: 'EcsTaskRoles',
} as const;

/**
 * What key administrators may do: manage the key's life cycle, policy, rotation, aliases and
 * tags. Deliberately no cryptographic operation and no `kms:CreateGrant`, so an administrator
 * can never read data (nor grant themselves the right to).
 */
export const KEY_ADMINISTRATION_ACTIONS: readonly string[] = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListAliases',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
];

/** Symmetric data-key use: what services and task roles need to encrypt and decrypt. */
export const KEY_USE_ACTIONS: readonly string[] = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:DescribeKey',
];

/** The action set CloudWatch Logs documents for a log-group key. */
export const LOGS_ACTIONS: readonly string[] = [
  'kms:Encrypt*',
  'kms:Decrypt*',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:Describe*',
];

/** Grant management that AWS services perform for the resources they encrypt. */
export const GRANT_ACTIONS: readonly string[] = [
  'kms:CreateGrant',
  'kms:ListGrants',
  'kms:RevokeGrant',
];

/** The encryption-context key CloudWatch Logs sends: the ARN of the log group. */
export const LOGS_ENCRYPTION_CONTEXT_KEY = 'kms:EncryptionContext:aws:logs:arn';

export interface KeyPolicyOptions {
  /** IAM role ARNs that may administer (never use) the key. */
  readonly administratorRoleArns?: readonly string[];
  /** IAM role ARNs of ECS tasks that encrypt and decrypt with the key directly. */
  readonly ecsTaskRoleArns?: readonly string[];
}

/** `arn:<partition>:iam::<account>:root`: the whole account, through its IAM policies. */
export function accountRootArn(ctx: AwsContext): string {
  return formatArn({
    partition: ctx.partition,
    service: 'iam',
    region: '',
    accountId: ctx.accountId,
    resource: 'root',
  });
}

/** `logs.<region>.<dnsSuffix>`: the regional CloudWatch Logs principal of the partition. */
export function logsServicePrincipal(ctx: AwsContext): string {
  return regionalServiceHost('logs', ctx);
}

/** Every log group of this account in this region: the `ArnLike` value of the logs statement. */
export function logGroupArnPattern(ctx: AwsContext): string {
  return formatArn({
    partition: ctx.partition,
    service: 'logs',
    region: ctx.region,
    accountId: ctx.accountId,
    resource: 'log-group:*',
  });
}

function accountRootStatement(ctx: AwsContext): PolicyStatement {
  return {
    Sid: KEY_POLICY_SIDS.accountRoot,
    Effect: 'Allow',
    Principal: { AWS: accountRootArn(ctx) },
    Action: 'kms:*',
    Resource: '*',
  };
}

function administratorsStatement(roleArns: readonly string[]): PolicyStatement {
  return {
    Sid: KEY_POLICY_SIDS.administrators,
    Effect: 'Allow',
    Principal: { AWS: [...roleArns] },
    Action: [...KEY_ADMINISTRATION_ACTIONS],
    Resource: '*',
  };
}

function cloudWatchLogsStatement(ctx: AwsContext): PolicyStatement {
  return {
    Sid: KEY_POLICY_SIDS.cloudWatchLogs,
    Effect: 'Allow',
    Principal: { Service: logsServicePrincipal(ctx) },
    Action: [...LOGS_ACTIONS],
    Resource: '*',
    Condition: { ArnLike: { [LOGS_ENCRYPTION_CONTEXT_KEY]: logGroupArnPattern(ctx) } },
  };
}

function viaServiceStatement(ctx: AwsContext, service: ViaService): PolicyStatement {
  return {
    Sid: KEY_POLICY_SIDS.viaService[service],
    Effect: 'Allow',
    // Any principal, but only of this account and only through this service in this region:
    // the service's own authorisation (secretsmanager:GetSecretValue, rds:...) decides who.
    Principal: { AWS: '*' },
    Action: [...KEY_USE_ACTIONS],
    Resource: '*',
    Condition: {
      StringEquals: {
        'kms:CallerAccount': ctx.accountId,
        'kms:ViaService': regionalServiceHost(service, ctx),
      },
    },
  };
}

function grantsStatement(ctx: AwsContext): PolicyStatement {
  return {
    Sid: KEY_POLICY_SIDS.grantsForAwsResources,
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: [...GRANT_ACTIONS],
    Resource: '*',
    Condition: {
      StringEquals: {
        'kms:CallerAccount': ctx.accountId,
        'kms:ViaService': VIA_SERVICES.map((service) => regionalServiceHost(service, ctx)),
      },
      Bool: { 'kms:GrantIsForAWSResource': 'true' },
    },
  };
}

function ecsTaskRolesStatement(roleArns: readonly string[]): PolicyStatement {
  return {
    Sid: KEY_POLICY_SIDS.ecsTaskRoles,
    Effect: 'Allow',
    Principal: { AWS: [...roleArns] },
    Action: [...KEY_USE_ACTIONS],
    Resource: '*',
  };
}

/**
 * The complete key policy. Statements for administrators and ECS task roles appear only when
 * roles are given (IAM rejects an empty principal list).
 */
export function keyPolicy(ctx: AwsContext, options: KeyPolicyOptions = {}): PolicyDocument {
  const administrators = [...new Set(options.administratorRoleArns ?? [])];
  const taskRoles = [...new Set(options.ecsTaskRoleArns ?? [])];
  return policyDocument([
    accountRootStatement(ctx),
    ...(administrators.length > 0 ? [administratorsStatement(administrators)] : []),
    cloudWatchLogsStatement(ctx),
    ...VIA_SERVICES.map((service) => viaServiceStatement(ctx, service)),
    grantsStatement(ctx),
    ...(taskRoles.length > 0 ? [ecsTaskRolesStatement(taskRoles)] : []),
  ]);
}

function isCloudWatchLogsPrincipal(statement: PolicyStatement): boolean {
  const principal = statement.Principal;
  if (principal === undefined || principal === '*') return false;
  return asArray(principal.Service).some((name) => /^logs\.[a-z0-9-]+\./.test(name));
}

/**
 * Whether an `Allow` statement of `policy` for the CloudWatch Logs principal admits a log
 * group with this ARN through its `ArnLike` condition on the log-group encryption context.
 * A logs statement without that condition counts as not admitting (it is unscoped, which the
 * platform never writes).
 */
export function logsStatementAdmitsLogGroup(policy: PolicyDocument, logGroupArn: string): boolean {
  return policy.Statement.some((statement) => {
    if (statement.Effect !== 'Allow' || !isCloudWatchLogsPrincipal(statement)) return false;
    const patterns = asArray(statement.Condition?.ArnLike?.[LOGS_ENCRYPTION_CONTEXT_KEY]);
    return patterns.some((pattern) => arnLike(pattern, logGroupArn));
  });
}

/** Condition keys that narrow a wildcard principal to this account or to a service. */
const NARROWING_KEYS = new Set([
  'kms:calleraccount',
  'kms:viaservice',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:sourceaccount',
]);

/**
 * `Allow` statements whose principal is everyone (`*` or `{ AWS: '*' }`) and that no condition
 * narrows to an account or a service. The platform's policies must have none.
 */
export function openPrincipalStatements(policy: PolicyDocument): PolicyStatement[] {
  return policy.Statement.filter((statement) => {
    if (statement.Effect !== 'Allow') return false;
    const principal = statement.Principal;
    const open =
      principal === '*' || (principal !== undefined && asArray(principal.AWS).includes('*'));
    if (!open) return false;
    const keys = Object.values(statement.Condition ?? {}).flatMap((byKey) => Object.keys(byKey));
    return !keys.some((key) => NARROWING_KEYS.has(key.toLowerCase()));
  });
}
