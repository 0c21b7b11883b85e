import {
  endpointPolicy,
  endpointServiceName,
  flowLogTrustPolicy,
  flowLogWritePolicy,
  INTERFACE_ENDPOINT_SERVICES,
} from '../src';

const PARTITIONS = [
  { region: 'us-east-1', partition: 'aws', accountId: '123456789012', dnsSuffix: 'amazonaws.com' },
  {
    region: 'us-gov-west-1',
    partition: 'aws-us-gov',
    accountId: '210987654321',
    dnsSuffix: 'amazonaws.com',
  },
  {
    region: 'cn-northwest-1',
    partition: 'aws-cn',
    accountId: '555555555555',
    dnsSuffix: 'amazonaws.com.cn',
  },
];

describe('flow-log role documents', () => {
  test.each(PARTITIONS)('trust policy in $region', (ctx) => {
    expect(flowLogTrustPolicy(ctx)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'VpcFlowLogsAssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': ctx.accountId },
            ArnLike: {
              'aws:SourceArn': `arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:vpc-flow-log/*`,
            },
          },
        },
      ],
    });
  });

  test.each(PARTITIONS)('write policy in $region names only its log group', (ctx) => {
    const group = `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:/x/flow`;
    expect(flowLogWritePolicy(ctx, '/x/flow')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'WriteFlowLogRecords',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
          Resource: [group, `${group}:log-stream:*`],
        },
      ],
    });
  });
});

describe('endpointServiceName', () => {
  const expected: Record<string, Record<string, string>> = {
    'us-east-1': {
      secretsmanager: 'com.amazonaws.us-east-1.secretsmanager',
      kms: 'com.amazonaws.us-east-1.kms',
      logs: 'com.amazonaws.us-east-1.logs',
      'ecr.api': 'com.amazonaws.us-east-1.ecr.api',
      'ecr.dkr': 'com.amazonaws.us-east-1.ecr.dkr',
      sts: 'com.amazonaws.us-east-1.sts',
      s3: 'com.amazonaws.us-east-1.s3',
    },
    'us-gov-west-1': {
      secretsmanager: 'com.amazonaws.us-gov-west-1.secretsmanager',
      kms: 'com.amazonaws.us-gov-west-1.kms',
      logs: 'com.amazonaws.us-gov-west-1.logs',
      'ecr.api': 'com.amazonaws.us-gov-west-1.ecr.api',
      'ecr.dkr': 'com.amazonaws.us-gov-west-1.ecr.dkr',
      sts: 'com.amazonaws.us-gov-west-1.sts',
      s3: 'com.amazonaws.us-gov-west-1.s3',
    },
    'cn-northwest-1': {
      secretsmanager: 'com.amazonaws.cn-northwest-1.secretsmanager',
      kms: 'com.amazonaws.cn-northwest-1.kms',
      logs: 'com.amazonaws.cn-northwest-1.logs',
      'ecr.api': 'cn.com.amazonaws.cn-northwest-1.ecr.api',
      'ecr.dkr': 'cn.com.amazonaws.cn-northwest-1.ecr.dkr',
      sts: 'cn.com.amazonaws.cn-northwest-1.sts',
      s3: 'com.amazonaws.cn-northwest-1.s3',
    },
  };

  test.each(PARTITIONS)('every endpoint in $region', (ctx) => {
    const names: Record<string, string> = Object.fromEntries([
      ...INTERFACE_ENDPOINT_SERVICES.map((s): [string, string] => [
        s,
        endpointServiceName(s, 'Interface', ctx),
      ]),
      ['s3', endpointServiceName('s3', 'Gateway', ctx)],
    ]);
    expect(names).toEqual(expected[ctx.region]);
  });

  test('an S3 interface endpoint in China takes the cn. prefix, the gateway does not', () => {
    const where = { region: 'cn-north-1', partition: 'aws-cn' };
    expect(endpointServiceName('s3', 'Interface', where)).toBe('cn.com.amazonaws.cn-north-1.s3');
    expect(endpointServiceName('s3', 'Gateway', where)).toBe('com.amazonaws.cn-north-1.s3');
  });

  test('an unknown partition is refused by name', () => {
    expect(() =>
      endpointServiceName('kms', 'Interface', { region: 'us-iso-east-1', partition: 'aws-iso' }),
    ).toThrow(/partition "aws-iso" \(region us-iso-east-1\).*supported: aws, aws-us-gov, aws-cn/);
  });
});

test('endpoint policy admits only principals of the account', () => {
  expect(endpointPolicy('123456789012')).toEqual({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'OwnAccountPrincipalsOnly',
        Effect: 'Allow',
        Principal: '*',
        Action: '*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalAccount': '123456789012' } },
      },
    ],
  });
});
