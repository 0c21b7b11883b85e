import { AwsContext } from '@phi-platform/core';
import {
  awsManagedPolicyArn,
  ecsInfrastructureTrustPolicy,
  ecsTasksTrustPolicy,
  executionRolePolicy,
  secretArnOf,
  SERVICE_CONNECT_TLS_MANAGED_POLICY,
  serviceConnectTlsKeyPolicy,
} from '../src/iam-policies';
import { ecrRepositoryArn, parseEcrImage } from '../src/image';
import { executeCommandStatements, taskRolePolicy } from '../src/task-role';
import { expectedExecutionStatements } from './fixtures';

const contexts: AwsContext[] = [
  { region: 'us-east-1', accountId: '123456789012', partition: 'aws', dnsSuffix: 'amazonaws.com' },
  {
    region: 'ap-southeast-7',
    accountId: '123456789012',
    partition: 'aws',
    dnsSuffix: 'amazonaws.com',
  },
  {
    region: 'us-gov-west-1',
    accountId: '123456789012',
    partition: 'aws-us-gov',
    dnsSuffix: 'amazonaws.com',
  },
  {
    region: 'cn-northwest-1',
    accountId: '123456789012',
    partition: 'aws-cn',
    dnsSuffix: 'amazonaws.com.cn',
  },
];

describe.each(contexts)('roles in $region', (ctx) => {
  const p = ctx.partition;
  const r = ctx.region;

  it('task and execution roles trust only ECS tasks of this account and region', () => {
    expect(ecsTasksTrustPolicy(ctx)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'EcsTasksOfThisAccount',
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': '123456789012' },
            ArnLike: { 'aws:SourceArn': `arn:${p}:ecs:${r}:123456789012:*` },
          },
        },
      ],
    });
  });

  it('the infrastructure role trusts only ECS of this account', () => {
    expect(ecsInfrastructureTrustPolicy(ctx).Statement).toEqual([
      {
        Sid: 'EcsOfThisAccount',
        Effect: 'Allow',
        Principal: { Service: 'ecs.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
      },
    ]);
    expect(awsManagedPolicyArn(p, SERVICE_CONNECT_TLS_MANAGED_POLICY)).toBe(
      `arn:${p}:iam::aws:policy/service-role/` +
        'AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity',
    );
  });

  it('the execution role reads its secrets, decrypts via Secrets Manager, logs, pulls', () => {
    const secret = `arn:${p}:secretsmanager:${r}:123456789012:secret:db-AbCdEf`;
    const key = `arn:${p}:kms:${r}:123456789012:key/1111-2222`;
    const image = `123456789012.dkr.ecr.${r}.${ctx.dnsSuffix}/api:1.0`;
    const ecr = parseEcrImage(image);
    expect(ecr).toEqual({ accountId: '123456789012', region: r, repository: 'api' });
    const repo = ecrRepositoryArn(p, ecr!);
    const logs = `arn:${p}:logs:${r}:123456789012:log-group:/phi-platform/ecs/api`;
    const doc = executionRolePolicy({
      ctx,
      secretValueFroms: [secret, `${secret}:password::`],
      kmsKeyArn: key,
      logGroupNames: ['/phi-platform/ecs/api', '/phi-platform/ecs/api/service-connect'],
      ecrRepositoryArns: [repo],
    });
    expect(doc.Statement).toEqual(
      expectedExecutionStatements({
        secretArns: [secret],
        keyArn: key,
        region: r,
        dnsSuffix: ctx.dnsSuffix,
        logGroupArn: logs,
        repositoryArn: `arn:${p}:ecr:${r}:123456789012:repository/api`,
      }),
    );
  });

  it('a task role holds only the given statements unless ECS Exec is on', () => {
    const given = { Effect: 'Allow' as const, Action: 'rds-db:connect', Resource: 'x' };
    expect(taskRolePolicy({ ctx, statements: [given] }).Statement).toEqual([given]);
    const withExec = taskRolePolicy({
      ctx,
      statements: [given],
      executeCommand: { kmsKeyArn: 'k', logGroupName: '/exec' },
    });
    expect(withExec.Statement).toEqual([given, ...executeCommandStatements(ctx, 'k', '/exec')]);
  });
});

describe('execution role edge cases', () => {
  const ctx = contexts[0]!;

  it('has no secret or registry statements when there is nothing to read or pull', () => {
    const doc = executionRolePolicy({
      ctx,
      secretValueFroms: [],
      kmsKeyArn: 'k',
      logGroupNames: ['/g'],
      ecrRepositoryArns: [],
    });
    expect(doc.Statement.map((s) => s.Sid)).toEqual(['WriteOwnLogGroups']);
  });

  it.each([
    [
      'arn:aws:secretsmanager:us-east-1:1:secret:a-1',
      'arn:aws:secretsmanager:us-east-1:1:secret:a-1',
    ],
    [
      'arn:aws:secretsmanager:us-east-1:1:secret:a-1:k:AWSCURRENT:',
      'arn:aws:secretsmanager:us-east-1:1:secret:a-1',
    ],
  ])('secretArnOf(%s) = %s', (valueFrom, arn) => {
    expect(secretArnOf(valueFrom)).toBe(arn);
  });

  it.each(['nginx:1.27', 'public.ecr.aws/nginx/nginx:1', 'ghcr.io/x/y@sha256:abc'])(
    '%s is not a private ECR image',
    (image) => {
      expect(parseEcrImage(image)).toBeUndefined();
    },
  );
});

describe('the Service Connect TLS key policy', () => {
  it.each([
    ['us-east-1', 'arn:aws:kms:us-east-1:123456789012:key/1111-aaaa'],
    ['ap-southeast-7', 'arn:aws:kms:ap-southeast-7:123456789012:key/2222-bbbb'],
    ['us-gov-west-1', 'arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/3333-cccc'],
    ['cn-northwest-1', 'arn:aws-cn:kms:cn-northwest-1:123456789012:key/4444-dddd'],
  ])('in %s allows exactly the five TLS key actions on exactly %s', (_region, key) => {
    expect(serviceConnectTlsKeyPolicy(key)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'UseServiceConnectTlsKey',
          Effect: 'Allow',
          Action: [
            'kms:Encrypt',
            'kms:Decrypt',
            'kms:GenerateDataKey',
            'kms:GenerateDataKeyPair',
            'kms:DescribeKey',
          ],
          Resource: key,
        },
      ],
    });
  });

  it.each(['*', 'arn:aws:kms:us-east-1:123456789012:key/*', 'alias/platform', 'k'])(
    'refuses %s, which is not one key ARN',
    (value) => {
      expect(() => serviceConnectTlsKeyPolicy(value)).toThrow(/is not a key ARN/);
    },
  );
});
