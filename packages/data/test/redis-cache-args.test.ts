import { InvalidSettingsError } from '@phi-platform/core';
import { RedisCacheArgs, resolveRedisCacheSettings } from '../src/redis-cache-args';

const base: RedisCacheArgs = {
  vpcId: 'vpc-1',
  subnetIds: ['subnet-a', 'subnet-b'],
  kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/k',
  engineVersion: '8.0',
  allowedSecurityGroupIds: { app: 'sg-app' },
};

function problemsOf(args: Partial<RedisCacheArgs>): string {
  try {
    resolveRedisCacheSettings('cache', { ...base, ...args }, 'dev');
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidSettingsError);
    return (e as Error).message;
  }
  throw new Error('expected the settings to be refused');
}

describe('resolveRedisCacheSettings', () => {
  it('applies secure defaults', () => {
    expect(resolveRedisCacheSettings('cache', base, 'staging')).toEqual({
      environment: 'staging',
      engine: 'valkey',
      family: 'valkey8',
      replicationGroupId: 'cache-staging',
      nodeType: 'cache.t4g.small',
      nodeCount: 2,
      automaticFailover: true,
      snapshotRetentionDays: 15,
      snapshotWindow: '03:00-04:00',
      maintenanceWindow: 'sun:05:00-sun:06:00',
      logRetentionDays: 365,
    });
  });

  it('turns failover off for a single node', () => {
    const settings = resolveRedisCacheSettings(
      'cache',
      { ...base, engine: 'redis', engineVersion: '7.1', nodeCount: 1, authTokenLength: 32 },
      'dev',
    );
    expect(settings.family).toBe('redis7');
    expect(settings.automaticFailover).toBe(false);
    expect(settings.authTokenLength).toBe(32);
  });

  it('refuses failover with one node', () => {
    expect(problemsOf({ nodeCount: 1, automaticFailover: true })).toBe(
      'Invalid settings for RedisCache "cache" (1):\n' +
        '  - automaticFailover: got true; allowed: false with nodeCount 1; failover needs ' +
        'nodeCount of at least 2',
    );
  });

  it('names the known families for an unknown major version', () => {
    expect(problemsOf({ engine: 'redis', engineVersion: '6.2' })).toBe(
      'Invalid settings for RedisCache "cache" (1):\n' +
        '  - engineVersion: got "6.2"; allowed: a redis major version with a known parameter ' +
        'group family: redis7',
    );
  });

  it('reports every problem at once', () => {
    const args = {
      engine: 'memcached',
      engineVersion: '8',
      nodeCount: 7,
      snapshotRetentionDays: 0,
      authTokenLength: 8,
      snapshotWindow: '05:00-06:00',
      maintenanceWindow: 'fri:05:30-fri:06:30',
      replicationGroupId: 'x'.repeat(41),
      allowedSecurityGroupIds: [''],
    } as unknown as Partial<RedisCacheArgs>;
    expect(problemsOf(args)).toBe(
      [
        'Invalid settings for RedisCache "cache" (8):',
        '  - engine: got "memcached"; allowed: "valkey" or "redis"',
        '  - engineVersion: got "8"; allowed: an engine version "<major>.<minor>", e.g. "8.0" ' +
          '(valkey) or "7.1" (redis)',
        '  - nodeCount: got 7; allowed: a whole number from 1 to 6 (a primary and up to 5 ' +
          'replicas)',
        '  - snapshotRetentionDays: got 0; allowed: a whole number from 1 to 35 (snapshots are ' +
          'always kept; 35 days is the ElastiCache limit)',
        '  - maintenanceWindow: got "fri:05:30-fri:06:30"; allowed: a window that does not ' +
          'overlap snapshotWindow "05:00-06:00"',
        '  - authTokenLength: got 8; allowed: a whole number from 16 to 128 (ElastiCache AUTH ' +
          'token limits)',
        `  - replicationGroupId: got "${'x'.repeat(41)}"; allowed: 1 to 40 letters, digits or ` +
          'hyphens, starting with a letter, without "--" or a trailing hyphen, lower case',
        '  - allowedSecurityGroupIds: got {"0":""}; allowed: non-empty security group ids (sg-...)',
      ].join('\n'),
    );
  });

  it('refuses an AUTH token alphabet ElastiCache rejects, or too weak for 128 bits', () => {
    expect(problemsOf({ authTokenAlphabet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ@/' })).toBe(
      'Invalid settings for RedisCache "cache" (1):\n' +
        '  - authTokenAlphabet: got "ABCDEFGHIJKLMNOPQRSTUVWXYZ@/"; allowed: letters, digits and ' +
        'only these symbols: ! & # $ ^ < > - (ElastiCache AUTH token refuses "@/")',
    );
    expect(problemsOf({ authTokenLength: 16 })).toBe(
      'Invalid settings for RedisCache "cache" (1):\n' +
        '  - authTokenLength: got 16; allowed: at least 21 with an alphabet of 70 characters ' +
        '(every generated credential carries at least 128 bits)',
    );
  });

  it('refuses windows shorter than an hour', () => {
    expect(problemsOf({ snapshotWindow: '03:00-03:30' })).toBe(
      'Invalid settings for RedisCache "cache" (1):\n' +
        '  - snapshotWindow: got "03:00-03:30"; allowed: a UTC window "hh24:mi-hh24:mi" of at ' +
        'least 60 minutes, e.g. "03:00-04:00"',
    );
  });
});
