import { AwsContext, PolicyStatement } from '@phi-platform/core';
import {
  KEY_ADMINISTRATION_ACTIONS,
  keyPolicy,
  logGroupArnPattern,
  logsStatementAdmitsLogGroup,
  openPrincipalStatements,
} from '../src';

const ACCOUNT = '123456789012';

interface RegionCase {
  readonly ctx: AwsContext;
  readonly root: string;
  readonly logsPrincipal: string;
  readonly logGroups: string;
  readonly rds: string;
  readonly secretsmanager: string;
  readonly elasticache: string;
}

// Written out by hand per region, so a wrong partition or DNS suffix cannot hide behind the
// same helper that produced it.
const REGIONS: readonly RegionCase[] = [
  {
    ctx: { region: 'us-east-1', accountId: ACCOUNT, partition: 'aws', dnsSuffix: 'amazonaws.com' },
    root: 'arn:aws:iam::123456789012:root',
    logsPrincipal: 'logs.us-east-1.amazonaws.com',
    logGroups: 'arn:aws:logs:us-east-1:123456789012:log-group:*',
    rds: 'rds.us-east-1.amazonaws.com',
    secretsmanager: 'secretsmanager.us-east-1.amazonaws.com',
    elasticache: 'elasticache.us-east-1.amazonaws.com',
  },
  {
    ctx: {
      region: 'ap-southeast-7',
      accountId: ACCOUNT,
      partition: 'aws',
      dnsSuffix: 'amazonaws.com',
    },
    root: 'arn:aws:iam::123456789012:root',
    logsPrincipal: 'logs.ap-southeast-7.amazonaws.com',
    logGroups: 'arn:aws:logs:ap-southeast-7:123456789012:log-group:*',
    rds: 'rds.ap-southeast-7.amazonaws.com',
    secretsmanager: 'secretsmanager.ap-southeast-7.amazonaws.com',
    elasticache: 'elasticache.ap-southeast-7.amazonaws.com',
  },
  {
    ctx: {
      region: 'us-gov-west-1',
      accountId: ACCOUNT,
      partition: 'aws-us-gov',
      dnsSuffix: 'amazonaws.com',
    },
    root: 'arn:aws-us-gov:iam::123456789012:root',
    logsPrincipal: 'logs.us-gov-west-1.amazonaws.com',
    logGroups: 'arn:aws-us-gov:logs:us-gov-west-1:123456789012:log-group:*',
    rds: 'rds.us-gov-west-1.amazonaws.com',
    secretsmanager: 'secretsmanager.us-gov-west-1.amazonaws.com',
    elasticache: 'elasticache.us-gov-west-1.amazonaws.com',
  },
  {
    ctx: {
      region: 'cn-northwest-1',
      accountId: ACCOUNT,
      partition: 'aws-cn',
      dnsSuffix: 'amazonaws.com.cn',
    },
    root: 'arn:aws-cn:iam::123456789012:root',
    logsPrincipal: 'logs.cn-northwest-1.amazonaws.com.cn',
    logGroups: 'arn:aws-cn:logs:cn-northwest-1:123456789012:log-group:*',
    rds: 'rds.cn-northwest-1.amazonaws.com.cn',
    secretsmanager: 'secretsmanager.cn-northwest-1.amazonaws.com.cn',
    elasticache: 'elasticache.cn-northwest-1.amazonaws.com.cn',
  },
];

const USE = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:DescribeKey',
];

/** The statements every key has, in order, for one region. */
function expectedBaseStatements(r: RegionCase): PolicyStatement[] {
  const via = (sid: string, host: string): PolicyStatement => ({
    Sid: sid,
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: USE,
    Resource: '*',
    Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': host } },
  });
  return [
    {
      Sid: 'AccountRootFullAccess',
      Effect: 'Allow',
      Principal: { AWS: r.root },
      Action: 'kms:*',
      Resource: '*',
    },
    {
      Sid: 'CloudWatchLogsThisAccountAndRegion',
      Effect: 'Allow',
      Principal: { Service: r.logsPrincipal },
      Action: [
        'kms:Encrypt*',
        'kms:Decrypt*',
        'kms:ReEncrypt*',
        'kms:GenerateDataKey*',
        'kms:Describe*',
      ],
      Resource: '*',
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': r.logGroups } },
    },
    via('UseThroughRds', r.rds),
    via('UseThroughSecretsManager', r.secretsmanager),
    via('UseThroughElastiCache', r.elasticache),
    {
      Sid: 'GrantsOnlyForAwsResources',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
      Resource: '*',
      Condition: {
        StringEquals: {
          'kms:CallerAccount': ACCOUNT,
          'kms:ViaService': [r.rds, r.secretsmanager, r.elasticache],
        },
        Bool: { 'kms:GrantIsForAWSResource': 'true' },
      },
    },
  ];
}

describe.each(REGIONS)('keyPolicy in $ctx.region', (r) => {
  it('has exactly the base statements when no roles are given', () => {
    expect(keyPolicy(r.ctx)).toEqual({
      Version: '2012-10-17',
      Statement: expectedBaseStatements(r),
    });
  });

  it('adds administrators (no key use) and ECS task roles (key use) when given', () => {
    const partition = r.ctx.partition;
    const admin = `arn:${partition}:iam::${ACCOUNT}:role/key-admin`;
    const task = `arn:${partition}:iam::${ACCOUNT}:role/api-task`;
    const doc = keyPolicy(r.ctx, { administratorRoleArns: [admin], ecsTaskRoleArns: [task, task] });
    const [root, ...rest] = expectedBaseStatements(r);
    expect(doc.Statement).toEqual([
      root,
      {
        Sid: 'KeyAdministrators',
        Effect: 'Allow',
        Principal: { AWS: [admin] },
        Action: KEY_ADMINISTRATION_ACTIONS,
        Resource: '*',
      },
      ...rest,
      {
        Sid: 'EcsTaskRoles',
        Effect: 'Allow',
        Principal: { AWS: [task] },
        Action: USE,
        Resource: '*',
      },
    ]);
  });

  it('admits a log group of this account and region, and no other', () => {
    const doc = keyPolicy(r.ctx);
    const own = `arn:${r.ctx.partition}:logs:${r.ctx.region}:${ACCOUNT}:log-group:/phi/api`;
    expect(logsStatementAdmitsLogGroup(doc, own)).toBe(true);
    expect(logsStatementAdmitsLogGroup(doc, `${own}:*`)).toBe(true);
    const otherRegion = own.replace(`:${r.ctx.region}:`, ':eu-central-1:');
    expect(logsStatementAdmitsLogGroup(doc, otherRegion)).toBe(false);
    const otherAccount = own.replace(`:${ACCOUNT}:`, ':210987654321:');
    expect(logsStatementAdmitsLogGroup(doc, otherAccount)).toBe(false);
    const otherPartition = own.replace(`arn:${r.ctx.partition}:`, 'arn:aws-iso:');
    expect(logsStatementAdmitsLogGroup(doc, otherPartition)).toBe(false);
    expect(logGroupArnPattern(r.ctx)).toBe(r.logGroups);
  });

  it('has no wildcard principal without an account or service condition', () => {
    expect(openPrincipalStatements(keyPolicy(r.ctx))).toEqual([]);
  });
});

describe('key administration actions', () => {
  it('never include a cryptographic operation nor grant creation', () => {
    const forbidden =
      /^kms:(Encrypt|Decrypt|ReEncrypt|GenerateDataKey|GenerateMac|Sign|Verify|CreateGrant|\*)/;
    expect(KEY_ADMINISTRATION_ACTIONS.filter((a) => forbidden.test(a))).toEqual([]);
    expect(KEY_ADMINISTRATION_ACTIONS.every((a) => !a.includes('*'))).toBe(true);
  });
});

describe('logsStatementAdmitsLogGroup', () => {
  const ctx = REGIONS[0]!.ctx;

  it('ignores a logs statement that denies, and a non-logs principal with the same condition', () => {
    const pattern = logGroupArnPattern(ctx);
    const arn = 'arn:aws:logs:us-east-1:123456789012:log-group:x';
    const condition = { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': pattern } };
    expect(
      logsStatementAdmitsLogGroup(
        {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Principal: { Service: 'logs.us-east-1.amazonaws.com' },
              Action: 'kms:*',
              Condition: condition,
            },
            {
              Effect: 'Allow',
              Principal: { Service: 'delivery.logs.amazonaws.com' },
              Action: 'kms:*',
              Condition: condition,
            },
          ],
        },
        arn,
      ),
    ).toBe(false);
  });

  it('treats a logs statement without the encryption-context condition as not admitting', () => {
    const doc = {
      Version: '2012-10-17' as const,
      Statement: [
        {
          Effect: 'Allow' as const,
          Principal: { Service: 'logs.us-east-1.amazonaws.com' },
          Action: 'kms:*',
        },
      ],
    };
    expect(
      logsStatementAdmitsLogGroup(doc, 'arn:aws:logs:us-east-1:123456789012:log-group:x'),
    ).toBe(false);
  });
});

describe('openPrincipalStatements', () => {
  it('finds a wildcard principal with no condition or only an unrelated one', () => {
    const open: PolicyStatement = { Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt' };
    const tagged: PolicyStatement = {
      Effect: 'Allow',
      Principal: { AWS: ['*'] },
      Action: 'kms:Decrypt',
      Condition: { StringEquals: { 'aws:PrincipalTag/team': 'x' } },
    };
    const scoped: PolicyStatement = {
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'kms:Decrypt',
      Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT } },
    };
    const denied: PolicyStatement = { Effect: 'Deny', Principal: '*', Action: 'kms:*' };
    expect(
      openPrincipalStatements({ Version: '2012-10-17', Statement: [open, tagged, scoped, denied] }),
    ).toEqual([open, tagged]);
  });
});
