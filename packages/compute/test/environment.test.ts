import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { installMocks, OfflineRuntime } from '@phi-platform/offline';
import { InvalidSettingsError } from '@phi-platform/core';
import { resolvedEnvironmentProblems, TlsService } from '../src';
import { serviceArgs } from './fixtures';

interface Container {
  environment: { name: string; value: string }[];
}

function containerOf(rt: OfflineRuntime): Container {
  const definitions = rt.one('aws:ecs/taskDefinition:TaskDefinition').inputs[
    'containerDefinitions'
  ];
  const parsed = JSON.parse(String(definitions)) as Container[];
  expect(parsed).toHaveLength(1);
  return parsed[0] as Container;
}

describe('TlsService environment', () => {
  it('resolves Output values (resource attributes) into the container definition', async () => {
    const rt = installMocks({ region: 'eu-central-1' });
    await rt.run(() => {
      const db = new aws.rds.Cluster('db', { engine: 'aurora-postgresql' });
      return new TlsService('api', {
        ...serviceArgs(rt),
        environment: {
          LOG_LEVEL: 'info',
          DATABASE_HOST: db.endpoint,
          DATABASE_PORT: db.port.apply(String),
          REGION_NAME: Promise.resolve('frankfurt'),
        },
      });
    });
    const db = rt.one('aws:rds/cluster:Cluster');
    expect(String(db.state['endpoint'])).toMatch(/\.eu-central-1\.rds\.amazonaws\.com$/);
    expect(containerOf(rt).environment).toEqual([
      { name: 'DATABASE_HOST', value: db.state['endpoint'] },
      { name: 'DATABASE_PORT', value: String(db.state['port']) },
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'REGION_NAME', value: 'frankfurt' },
    ]);
    // Plain values leave the task definition in the clear, readable in plans.
    expect(rt.one('aws:ecs/taskDefinition:TaskDefinition').secretPaths).toEqual([]);
  });

  it('refuses a secret Output value when it resolves, naming the variable', async () => {
    const rt = installMocks({ region: 'us-gov-west-1' });
    const error = await rt
      .run(
        () =>
          new TlsService('api', {
            ...serviceArgs(rt),
            environment: { CACHE_HOST: pulumi.secret('cache.internal'), LOG_LEVEL: 'info' },
          }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidSettingsError);
    expect((error as Error).message).toContain(
      'Invalid settings for TlsService "api" (1):\n  - environment.CACHE_HOST: got "[secret]"; ' +
        'allowed: non-secret settings only; pass this value through secrets',
    );
    expect(rt.byType('aws:ecs/taskDefinition:TaskDefinition')).toEqual([]);
  });

  it('still refuses, before creating anything, names also in secrets or credential-like', () => {
    const rt = installMocks({ region: 'us-east-1' });
    const secret = `arn:aws:secretsmanager:us-east-1:${rt.accountId}:secret:db-AbCdEf`;
    expect(
      () =>
        new TlsService('api', {
          ...serviceArgs(rt),
          secrets: { DATABASE_URL: secret },
          environment: {
            DATABASE_URL: pulumi.output('postgres://db'),
            API_TOKEN: pulumi.output('x'),
          },
        }),
    ).toThrow(
      new RegExp(
        'environment\\.DATABASE_URL: got "DATABASE_URL"; allowed: a name that is not also in ' +
          'secrets[^]*environment\\.API_TOKEN',
      ),
    );
    expect(rt.resources()).toEqual([]);
  });

  it.each([
    [{ A: 'x' }, [], []],
    [
      { A: 'x', B: 'y' },
      ['B'],
      [
        {
          setting: 'environment.B',
          value: '[secret]',
          allowed: 'non-secret settings only; pass this value through secrets',
          reason: 'the value is a secret Output',
        },
      ],
    ],
    [{ N: 5 }, [], [{ setting: 'environment.N', value: 5, allowed: 'a string' }]],
  ])('resolvedEnvironmentProblems(%j, %j)', (values, secretNames, expected) => {
    expect(resolvedEnvironmentProblems(values, secretNames)).toEqual(expected);
  });
});
