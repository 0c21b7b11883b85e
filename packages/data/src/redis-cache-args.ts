import * as pulumi from '@pulumi/pulumi';
import {
  isAllowedLogRetention,
  isIntegerBetween,
  LOG_RETENTION_ALLOWED,
  physicalName,
  SettingsCheck,
} from '@phi-platform/core';
import { SECRET_PRESETS, secretSettingsProblems } from '@phi-platform/crypto';
import { AllowedSecurityGroups, checkAllowedSources } from './allowed-sources';
import {
  CacheEngine,
  cacheFamily,
  knownCacheFamilies,
  parseEngineVersion,
} from './engine-versions';
import { checkLowerCaseIdentifier } from './identifiers';
import { checkWindows } from './windows';

export interface RedisCacheArgs {
  /** The VPC of the subnets; the component's security group is created in it. */
  readonly vpcId: pulumi.Input<string>;
  /** Isolated subnets (no route to the internet), ideally one per availability zone. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** ARN of the platform KMS key: data at rest, the AUTH token secret and the log groups. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /**
   * `valkey` or `redis` (Redis OSS).
   * @default 'valkey'
   */
  readonly engine?: CacheEngine;
  /** Engine version `<major>.<minor>` (e.g. `8.0` for Valkey, `7.1` for Redis OSS). Required. */
  readonly engineVersion: string;
  /** Security groups allowed to connect on 6379; no other ingress exists. */
  readonly allowedSecurityGroupIds: AllowedSecurityGroups;
  /**
   * Node type of every node.
   * @default 'cache.t4g.small'
   */
  readonly nodeType?: string;
  /**
   * Nodes: one primary and `nodeCount - 1` replicas, 1 to 6.
   * @default 2
   */
  readonly nodeCount?: number;
  /**
   * Automatic failover to a replica in another zone, with Multi-AZ. Needs `nodeCount` ≥ 2.
   * @default true when nodeCount ≥ 2
   */
  readonly automaticFailover?: boolean;
  /**
   * Days of daily snapshots kept, 1 to 35.
   * @default 15
   */
  readonly snapshotRetentionDays?: number;
  /**
   * Daily snapshot window, UTC `hh24:mi-hh24:mi`, at least 60 minutes.
   * @default '03:00-04:00'
   */
  readonly snapshotWindow?: string;
  /**
   * Weekly maintenance window, UTC `ddd:hh24:mi-ddd:hh24:mi`, at least 60 minutes, not
   * overlapping the snapshot window.
   * @default 'sun:05:00-sun:06:00'
   */
  readonly maintenanceWindow?: string;
  /**
   * Length of the generated AUTH token, 16 to 128 (ElastiCache's limits) and long enough for
   * 128 bits with the alphabet.
   * @default the `elasticache-auth-token` preset's length
   */
  readonly authTokenLength?: number;
  /**
   * Characters of the generated AUTH token: whole classes of A-Z, a-z, 0-9 plus any of
   * ElastiCache's symbols `! & # $ ^ < > -`.
   * @default the `elasticache-auth-token` preset's alphabet
   */
  readonly authTokenAlphabet?: string;
  /**
   * Days the slow-log and engine-log groups keep events (a CloudWatch value of at least 365).
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * Replication group id, at most 40 characters.
   * @default derived from the component name and the environment
   */
  readonly replicationGroupId?: string;
  /**
   * Environment name (`dev`, `staging`, `prod`, ...), used in tags and identifiers.
   * @default the Pulumi stack name
   */
  readonly environment?: string;
}

export interface RedisCacheSettings {
  readonly environment: string;
  readonly engine: CacheEngine;
  readonly family: string;
  readonly replicationGroupId: string;
  readonly nodeType: string;
  readonly nodeCount: number;
  readonly automaticFailover: boolean;
  readonly snapshotRetentionDays: number;
  readonly snapshotWindow: string;
  readonly maintenanceWindow: string;
  readonly logRetentionDays: number;
  readonly authTokenLength?: number;
  readonly authTokenAlphabet?: string;
}

export const REDIS_DEFAULTS = {
  engine: 'valkey',
  nodeType: 'cache.t4g.small',
  nodeCount: 2,
  snapshotRetentionDays: 15,
  snapshotWindow: '03:00-04:00',
  maintenanceWindow: 'sun:05:00-sun:06:00',
  logRetentionDays: 365,
} as const;

export const REPLICATION_GROUP_ID_MAX_LENGTH = 40;

/** Checks every argument and applies defaults; throws one error listing every problem. */
export function resolveRedisCacheSettings(
  name: string,
  args: RedisCacheArgs,
  stack: string,
): RedisCacheSettings {
  const check = new SettingsCheck(`RedisCache "${name}"`);
  const environment = args.environment ?? stack;

  const engine = args.engine ?? REDIS_DEFAULTS.engine;
  const engineOk = check.require(engine === 'redis' || engine === 'valkey', {
    setting: 'engine',
    value: engine,
    allowed: '"valkey" or "redis"',
  });
  const version = args.engineVersion;
  const family = engineOk && typeof version === 'string' ? cacheFamily(engine, version) : undefined;
  const versionOk = check.require(
    typeof version === 'string' && parseEngineVersion(version) !== undefined,
    {
      setting: 'engineVersion',
      value: version,
      allowed: 'an engine version "<major>.<minor>", e.g. "8.0" (valkey) or "7.1" (redis)',
    },
  );
  if (engineOk && versionOk) {
    check.require(family !== undefined, {
      setting: 'engineVersion',
      value: version,
      allowed: `a ${engine} major version with a known parameter group family: ${knownCacheFamilies(
        engine,
      ).join(', ')}`,
    });
  }

  const nodeType = args.nodeType ?? REDIS_DEFAULTS.nodeType;
  check.require(/^cache\.[a-z0-9]+\.[a-z0-9]+$/.test(nodeType), {
    setting: 'nodeType',
    value: nodeType,
    allowed: 'an ElastiCache node type "cache.<family>.<size>", e.g. "cache.r7g.large"',
  });
  const nodeCount = args.nodeCount ?? REDIS_DEFAULTS.nodeCount;
  const countOk = check.require(isIntegerBetween(nodeCount, 1, 6), {
    setting: 'nodeCount',
    value: nodeCount,
    allowed: 'a whole number from 1 to 6 (a primary and up to 5 replicas)',
  });
  const automaticFailover = args.automaticFailover ?? (countOk && nodeCount > 1);
  if (countOk) {
    check.require(!(automaticFailover && nodeCount < 2), {
      setting: 'automaticFailover',
      value: automaticFailover,
      allowed: `false with nodeCount ${nodeCount}; failover needs nodeCount of at least 2`,
    });
  }

  const snapshotRetentionDays = args.snapshotRetentionDays ?? REDIS_DEFAULTS.snapshotRetentionDays;
  check.require(isIntegerBetween(snapshotRetentionDays, 1, 35), {
    setting: 'snapshotRetentionDays',
    value: snapshotRetentionDays,
    allowed: 'a whole number from 1 to 35',
    reason: 'snapshots are always kept; 35 days is the ElastiCache limit',
  });

  const snapshotWindow = args.snapshotWindow ?? REDIS_DEFAULTS.snapshotWindow;
  const maintenanceWindow = args.maintenanceWindow ?? REDIS_DEFAULTS.maintenanceWindow;
  checkWindows(check, {
    daily: { setting: 'snapshotWindow', window: snapshotWindow },
    weekly: { setting: 'maintenanceWindow', window: maintenanceWindow },
    minimumMinutes: 60,
  });

  if (args.authTokenLength !== undefined || args.authTokenAlphabet !== undefined) {
    // The same rules GeneratedSecret applies, checked here so nothing is created before.
    const preset = SECRET_PRESETS['elasticache-auth-token'];
    const length = args.authTokenLength ?? preset.defaultLength;
    const alphabet = args.authTokenAlphabet ?? preset.defaultAlphabet;
    for (const problem of secretSettingsProblems(preset, length, alphabet)) {
      const setting = problem.setting === 'length' ? 'authTokenLength' : 'authTokenAlphabet';
      check.add({ ...problem, setting });
    }
  }

  const logRetentionDays = args.logRetentionDays ?? REDIS_DEFAULTS.logRetentionDays;
  check.require(isAllowedLogRetention(logRetentionDays), {
    setting: 'logRetentionDays',
    value: logRetentionDays,
    allowed: LOG_RETENTION_ALLOWED,
    reason: 'cache logs are kept at least a year',
  });

  const replicationGroupId =
    args.replicationGroupId ?? physicalName([name, environment], REPLICATION_GROUP_ID_MAX_LENGTH);
  checkLowerCaseIdentifier(
    check,
    'replicationGroupId',
    replicationGroupId,
    REPLICATION_GROUP_ID_MAX_LENGTH,
  );
  checkAllowedSources(check, args.allowedSecurityGroupIds);

  check.throwIfAny();
  return {
    environment,
    engine,
    family: family as string,
    replicationGroupId,
    nodeType,
    nodeCount,
    automaticFailover,
    snapshotRetentionDays,
    snapshotWindow,
    maintenanceWindow,
    logRetentionDays,
    ...(args.authTokenLength === undefined ? {} : { authTokenLength: args.authTokenLength }),
    ...(args.authTokenAlphabet === undefined ? {} : { authTokenAlphabet: args.authTokenAlphabet }),
  };
}
