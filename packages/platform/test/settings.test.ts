import { InvalidSettingsError } from '@phi-platform/core';
import { fargateMemoryOptions, parseSettings, rawSettings } from '../src';

const project = 'phi-platform';

/** A complete, valid prod config map as `Pulumi.prod.yaml` would give it. */
function prodConfig(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const base: Record<string, string | undefined> = {
    'aws:region': 'eu-central-1',
    'phi-platform:cidrBlock': '10.40.0.0/16',
    'phi-platform:zoneCount': '3',
    'phi-platform:natGateways': 'perZone',
    'phi-platform:deletionProtection': 'true',
    'phi-platform:backupRetentionDays': '35',
    'phi-platform:database': JSON.stringify({
      engineVersion: '16.4',
      instanceClass: 'db.r6g.large',
      readers: 1,
    }),
    'phi-platform:cache': JSON.stringify({ nodeType: 'cache.r7g.large', nodes: 2, failover: true }),
    'phi-platform:service': JSON.stringify({ image: 'public.ecr.aws/nginx/nginx:1.27' }),
    'phi-platform:ingress': JSON.stringify({
      enabled: true,
      domainName: 'app.example.com',
      hostedZoneId: 'Z0123456789ABCDEFGHIJ',
    }),
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(base).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

function parse(stack: string, config: Record<string, string>) {
  return parseSettings(rawSettings({ stack, project, config }), { stack, project });
}

function errorOf(fn: () => unknown): InvalidSettingsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InvalidSettingsError) return e;
    throw e;
  }
  throw new Error('expected an InvalidSettingsError');
}

describe('settings', () => {
  it('parses a complete prod config and fills the defaults', () => {
    const settings = parse('prod', prodConfig());
    expect(settings).toEqual({
      environment: 'prod',
      region: 'eu-central-1',
      cidrBlock: '10.40.0.0/16',
      zoneCount: 3,
      natGateways: 'perZone',
      deletionProtection: true,
      backupRetentionDays: 35,
      logRetentionDays: 365,
      database: { engineVersion: '16.4', instanceClass: 'db.r6g.large', readers: 1 },
      cache: {
        engine: 'valkey',
        engineVersion: '8.0',
        nodeType: 'cache.r7g.large',
        nodes: 2,
        failover: true,
      },
      service: {
        image: 'public.ecr.aws/nginx/nginx:1.27',
        cpu: 512,
        memory: 1024,
        desiredCount: 2,
      },
      ingress: {
        enabled: true,
        domainName: 'app.example.com',
        hostedZoneId: 'Z0123456789ABCDEFGHIJ',
      },
    });
  });

  it('reports the retention of 7 days with key, value and what is allowed', () => {
    const error = errorOf(() =>
      parse('dev', prodConfig({ 'phi-platform:backupRetentionDays': '7' })),
    );
    expect(error.message).toBe(
      [
        'Invalid settings for stack "dev" (Pulumi.dev.yaml) (1):',
        '  - phi-platform:backupRetentionDays: got 7; allowed: a whole number from 30 to 35' +
          ' (HIPAA baseline of 30 days; Aurora keeps at most 35)',
      ].join('\n'),
    );
  });

  it('reports every bad and missing setting together, in one error', () => {
    const error = errorOf(() =>
      parse(
        'staging',
        prodConfig({
          'aws:region': undefined,
          'phi-platform:cidrBlock': '8.8.0.0/16',
          'phi-platform:zoneCount': '9',
          'phi-platform:natGateways': 'none',
          'phi-platform:backupRetentionDays': '7',
          'phi-platform:deletionProtection': 'maybe',
          'phi-platform:database': JSON.stringify({ instanceClass: 'db.r6g.large', readers: 1 }),
          'phi-platform:cache': JSON.stringify({ nodeType: 'cache.t4g.small', failover: true }),
          'phi-platform:service': JSON.stringify({ image: 'nginx', cpu: 256, memory: 4096 }),
          'phi-platform:ingress': JSON.stringify({ enabled: true }),
          'phi-platform:backupRetentionDay': '30',
        }),
      ),
    );
    expect(error.problems.map((p) => [p.setting, p.value])).toEqual([
      ['aws:region', undefined],
      ['phi-platform:cidrBlock', '8.8.0.0/16'],
      ['phi-platform:zoneCount', 9],
      ['phi-platform:natGateways', 'none'],
      ['phi-platform:deletionProtection', 'maybe'],
      ['phi-platform:backupRetentionDays', 7],
      ['phi-platform:database.engineVersion', undefined],
      ['phi-platform:backupRetentionDay', 30],
      ['phi-platform:cache.failover', true],
      ['phi-platform:service.memory', 4096],
      ['phi-platform:ingress.domainName', undefined],
      ['phi-platform:ingress.hostedZoneId', undefined],
    ]);
    expect(error.message).toContain(
      '  - aws:region: got nothing (missing); allowed: an AWS region name such as' +
        ' "eu-central-1" (set aws:region)',
    );
    expect(error.message).toContain(
      '  - phi-platform:service.memory: got 4096; allowed: with cpu 256: 512 to 2048 MiB' +
        ' in Fargate steps',
    );
    expect(error.message).toContain(
      '  - phi-platform:backupRetentionDay: got 30; allowed: a known setting (cidrBlock,',
    );
    expect(error.message.split('\n')[0]).toBe(
      'Invalid settings for stack "staging" (Pulumi.staging.yaml) (12):',
    );
  });

  it('does not let prod switch deletion protection off', () => {
    const error = errorOf(() =>
      parse('prod', prodConfig({ 'phi-platform:deletionProtection': 'false' })),
    );
    expect(error.problems).toEqual([
      {
        setting: 'phi-platform:deletionProtection',
        value: false,
        allowed: 'true',
        reason: 'prod keeps its deletion protection; it cannot be switched off',
      },
    ]);
    // The same value is a legitimate choice outside prod.
    expect(parse('dev', prodConfig({ 'phi-platform:deletionProtection': 'false' }))).toMatchObject({
      environment: 'dev',
      deletionProtection: false,
    });
  });

  it('refuses an environment setting that disagrees with the stack name', () => {
    const error = errorOf(() =>
      parse(
        'prod',
        prodConfig({
          'phi-platform:environment': 'dev',
          'phi-platform:deletionProtection': 'false',
        }),
      ),
    );
    expect(error.problems.map((p) => p.setting)).toEqual([
      'phi-platform:environment',
      'phi-platform:deletionProtection',
    ]);
  });

  it.each([
    ['us-east-1', 'aws', true],
    ['us-gov-west-1', 'aws-us-gov', true],
    ['cn-northwest-1', 'aws-cn', true],
    ['us-gov-west-1', 'aws', false],
    ['cn-northwest-1', 'aws', false],
    ['eu-central-1', 'aws-cn', false],
  ])('a Private CA ARN in %s and partition %s is accepted: %p', (region, partition, ok) => {
    const arn = `arn:${partition}:acm-pca:${region}:123456789012:certificate-authority/abc`;
    const config = prodConfig({ 'aws:region': region, 'phi-platform:privateCaArn': arn });
    if (ok) {
      expect(parse('prod', config).privateCaArn).toBe(arn);
      return;
    }
    const error = errorOf(() => parse('prod', config));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.setting).toBe('phi-platform:privateCaArn');
    expect(error.problems[0]?.allowed).toContain(`is not the stack's partition`);
  });

  it('refuses ARNs from another region, or of the wrong service', () => {
    const error = errorOf(() =>
      parse(
        'prod',
        prodConfig({
          'aws:region': 'us-east-1',
          'phi-platform:privateCaArn':
            'arn:aws:acm-pca:us-west-2:123456789012:certificate-authority/abc',
          'phi-platform:certificateArn': 'arn:aws:kms:us-east-1:123456789012:key/abc',
        }),
      ),
    );
    expect(error.problems.map((p) => p.allowed)).toEqual([
      'an acm-pca certificate-authority ARN in the stack region and partition' +
        ' (region "us-west-2" is not the stack\'s region "us-east-1")',
      'an acm certificate ARN in the stack region and partition (not an acm certificate ARN)',
    ]);
  });

  it('accepts serverless only with a capacity', () => {
    const serverless = (capacity?: object) =>
      prodConfig({
        'phi-platform:database': JSON.stringify({
          engineVersion: '16.4',
          instanceClass: 'db.serverless',
          serverlessCapacity: capacity,
        }),
      });
    expect(parse('dev', serverless({ min: 0.5, max: 4 })).database.serverlessCapacity).toEqual({
      min: 0.5,
      max: 4,
    });
    expect(errorOf(() => parse('dev', serverless())).problems[0]?.setting).toBe(
      'phi-platform:database.serverlessCapacity',
    );
  });

  it.each([
    [256, [512, 1024, 2048]],
    [1024, [2048, 3072, 4096, 5120, 6144, 7168, 8192]],
    [300, []],
  ])('Fargate memory for cpu %p', (cpu, memory) => {
    expect(fargateMemoryOptions(cpu)).toEqual(memory);
  });
});
