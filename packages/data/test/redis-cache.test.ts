import { InvalidSettingsError } from '@phi-platform/core';
import { EncryptionKey } from '@phi-platform/crypto';
import { installMocks, toPlanResources, unwrap } from '@phi-platform/offline';
import { RedisCache, RedisCacheArgs } from '../src';
import { keyArnOf, NETWORK, providerResources, REGIONS, rulesOf } from './helpers';

const GROUP = 'aws:elasticache/replicationGroup:ReplicationGroup';
const LOG_GROUP = 'aws:cloudwatch/logGroup:LogGroup';

function build(extra: Partial<RedisCacheArgs> = {}) {
  const key = new EncryptionKey('platform', { environment: 'dev' });
  const cache = new RedisCache('sessions', {
    vpcId: NETWORK.vpcId,
    subnetIds: NETWORK.isolatedSubnetIds,
    kmsKeyArn: key.keyArn,
    engineVersion: '8.0',
    allowedSecurityGroupIds: [NETWORK.appSecurityGroupId],
    environment: 'dev',
    ...extra,
  });
  return { key, cache };
}

describe.each(REGIONS)('RedisCache in $region', ({ region, partition }) => {
  it('encrypts at rest with the key, requires TLS and an AUTH token, fails over', async () => {
    const rt = installMocks({ region });
    const { value } = await rt.run(() => build());
    const keyArn = keyArnOf(rt);
    expect(keyArn).toMatch(new RegExp(`^arn:${partition}:kms:${region}:`));

    const slow = rt.one(LOG_GROUP, 'sessions-slow-log');
    const engine = rt.one(LOG_GROUP, 'sessions-engine-log');
    for (const [logGroup, type] of [
      [slow, 'slow-log'],
      [engine, 'engine-log'],
    ] as const) {
      expect(logGroup.inputs).toMatchObject({
        name: `/aws/elasticache/sessions-dev/${type}`,
        kmsKeyId: keyArn,
        retentionInDays: 365,
      });
    }
    const subnetGroup = rt.one('aws:elasticache/subnetGroup:SubnetGroup');
    expect(subnetGroup.inputs['subnetIds']).toEqual(NETWORK.isolatedSubnetIds);
    const params = rt.one('aws:elasticache/parameterGroup:ParameterGroup');
    expect(params.inputs).toMatchObject({ family: 'valkey8', name: 'sessions-dev-valkey8' });
    const sg = rt.one('aws:ec2/securityGroup:SecurityGroup');

    const group = rt.one(GROUP);
    expect(group.inputs).toMatchObject({
      replicationGroupId: 'sessions-dev',
      engine: 'valkey',
      engineVersion: '8.0',
      numCacheClusters: 2,
      port: 6379,
      atRestEncryptionEnabled: true,
      kmsKeyId: keyArn,
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      autoMinorVersionUpgrade: true,
      snapshotRetentionLimit: 15,
      snapshotWindow: '03:00-04:00',
      maintenanceWindow: 'sun:05:00-sun:06:00',
      subnetGroupName: subnetGroup.id,
      parameterGroupName: params.id,
      securityGroupIds: [sg.id],
    });
    expect(group.inputs['logDeliveryConfigurations']).toEqual([
      {
        destination: slow.state['name'],
        destinationType: 'cloudwatch-logs',
        logFormat: 'json',
        logType: 'slow-log',
      },
      {
        destination: engine.state['name'],
        destinationType: 'cloudwatch-logs',
        logFormat: 'json',
        logType: 'engine-log',
      },
    ]);
    expect(group.dependsOn).toEqual(expect.arrayContaining([slow.urn, engine.urn]));

    // The AUTH token reaches ElastiCache only as a secret and never appears in the plan.
    expect(group.secretPaths).toContain('authToken');
    const token = rt.one('random:index/randomPassword:RandomPassword').state['result'] as string;
    expect(token).toMatch(/^[A-Za-z0-9!&#$^<>-]{64}$/);
    expect(group.inputs['authToken']).toBe(token);
    expect(JSON.stringify(toPlanResources(rt.resources()))).not.toContain(token);

    const { ingress, egress } = rulesOf(rt, sg.id);
    expect(ingress.map((r) => r.inputs)).toEqual([
      expect.objectContaining({
        ipProtocol: 'tcp',
        fromPort: 6379,
        toPort: 6379,
        referencedSecurityGroupId: NETWORK.appSecurityGroupId,
      }),
    ]);
    expect(egress).toHaveLength(0);

    const secret = rt.one('aws:secretsmanager/secret:Secret');
    expect(secret.inputs['kmsKeyId']).toBe(keyArn);
    const cache = value.cache;
    expect(await unwrap(cache.authSecretArn)).toBe(secret.state['arn']);
    expect(await unwrap(cache.authSecretArn)).toMatch(
      new RegExp(`^arn:${partition}:secretsmanager:${region}:123456789012:secret:`),
    );
    expect(await unwrap(cache.primaryEndpoint)).toMatch(/^master\.sessions-dev\./);
    expect(await unwrap(cache.readerEndpoint)).toMatch(/^replica\.sessions-dev\./);
    expect(await unwrap(cache.port)).toBe(6379);
    expect(await unwrap(cache.securityGroupId)).toBe(sg.id);
    expect(await unwrap(cache.replicationGroupArn)).toBe(
      `arn:${partition}:elasticache:${region}:123456789012:replicationgroup:sessions-dev`,
    );
  });
});

describe('RedisCache shapes and validation', () => {
  it('runs a single Redis OSS node without failover', async () => {
    const rt = installMocks({ region: 'us-east-1' });
    await rt.run(() =>
      build({ engine: 'redis', engineVersion: '7.1', nodeCount: 1, snapshotRetentionDays: 7 }),
    );
    expect(rt.one(GROUP).inputs).toMatchObject({
      engine: 'redis',
      numCacheClusters: 1,
      automaticFailoverEnabled: false,
      multiAzEnabled: false,
      snapshotRetentionLimit: 7,
    });
    expect(rt.one('aws:elasticache/parameterGroup:ParameterGroup').inputs['family']).toBe('redis7');
  });

  it('refuses failover on one node, and an unknown family, before creating any child', async () => {
    const rt = installMocks({ region: 'us-east-1' });
    const run = rt.run(
      () =>
        new RedisCache('cache', {
          vpcId: 'vpc-1',
          subnetIds: ['subnet-a'],
          kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/k',
          engine: 'valkey',
          engineVersion: '6.2',
          nodeCount: 1,
          automaticFailover: true,
          allowedSecurityGroupIds: ['sg-1'],
        }),
    );
    await expect(run).rejects.toThrow(InvalidSettingsError);
    await expect(run).rejects.toThrow(
      'Invalid settings for RedisCache "cache" (2):\n' +
        '  - engineVersion: got "6.2"; allowed: a valkey major version with a known parameter ' +
        'group family: valkey7, valkey8\n' +
        '  - automaticFailover: got true; allowed: false with nodeCount 1; failover needs ' +
        'nodeCount of at least 2',
    );
    expect(providerResources(rt)).toEqual([]);
  });
});
