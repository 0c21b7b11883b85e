import * as pulumi from '@pulumi/pulumi';
import {
  isAllowedLogRetention,
  isIntegerBetween,
  LOG_RETENTION_ALLOWED,
  physicalName,
  SettingsCheck,
} from '@phi-platform/core';
import { AllowedSecurityGroups, checkAllowedSources } from './allowed-sources';
import {
  AURORA_POSTGRES_FAMILIES,
  auroraPostgresFamily,
  parseEngineVersion,
  supportsScaleToZero,
} from './engine-versions';
import { checkLowerCaseIdentifier } from './identifiers';
import { checkWindows } from './windows';

/** Provisioned instances: one writer plus `readers` replicas of the same class. */
export interface AuroraInstances {
  /**
   * Instance class of the writer and every reader.
   * @default 'db.r6g.large'
   */
  readonly instanceClass?: string;
  /**
   * Reader replicas next to the writer. One or more keeps a standby in another zone to fail
   * over to; 0 is refused in prod.
   * @default 1
   */
  readonly readers?: number;
}

/** Aurora Serverless v2: every instance is `db.serverless` and scales within this range. */
export interface AuroraServerlessCapacity {
  /** Lowest capacity in ACU, in 0.5 steps; 0 (auto-pause) only on versions that support it. */
  readonly minCapacity: number;
  /** Highest capacity in ACU, in 0.5 steps, from 1 to 256. */
  readonly maxCapacity: number;
  /**
   * Idle seconds before a 0-ACU instance pauses (300 to 86400); only with `minCapacity: 0`.
   * @default AWS default (300) when minCapacity is 0
   */
  readonly secondsUntilAutoPause?: number;
  /**
   * Reader replicas next to the writer, all `db.serverless`.
   * @default 1
   */
  readonly readers?: number;
}

export interface AuroraPostgresArgs {
  /** The VPC of the subnets; the component's security group is created in it. */
  readonly vpcId: pulumi.Input<string>;
  /** Isolated subnets (no route to the internet) in at least two availability zones. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Aurora PostgreSQL version, `<major>.<minor>` (e.g. `16.4`). Required: no drifting default. */
  readonly engineVersion: string;
  /** ARN of the platform KMS key: storage, Performance Insights, master secret and logs. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Security groups allowed to connect on 5432; no other ingress exists. */
  readonly allowedSecurityGroupIds: AllowedSecurityGroups;
  /**
   * Days of automated backups, 30 to 35. For longer retention use AWS Backup.
   * @default 30
   */
  readonly backupRetentionDays?: number;
  /**
   * Provisioned instances. Give this or `serverless`, not both.
   * @default { instanceClass: 'db.r6g.large', readers: 1 } when `serverless` is not given
   */
  readonly instances?: AuroraInstances;
  /**
   * Serverless v2 capacity instead of provisioned instances.
   * @default undefined (provisioned)
   */
  readonly serverless?: AuroraServerlessCapacity;
  /**
   * `rds-managed`: RDS keeps and rotates the master password in Secrets Manager under the key.
   * `generated`: a GeneratedSecret holds it and it reaches RDS as a Pulumi secret.
   * @default 'rds-managed'
   */
  readonly masterPassword?: 'rds-managed' | 'generated';
  /**
   * Master user name; `postgres` and RDS's own users are refused.
   * @default 'phiadmin'
   */
  readonly masterUsername?: string;
  /**
   * Name of a database created with the cluster.
   * @default no database besides `postgres`
   */
  readonly databaseName?: string;
  /**
   * Daily backup window, UTC `hh24:mi-hh24:mi`, at least 30 minutes.
   * @default '03:00-04:00'
   */
  readonly preferredBackupWindow?: string;
  /**
   * Weekly maintenance window, UTC `ddd:hh24:mi-ddd:hh24:mi`, at least 30 minutes, not
   * overlapping the backup window.
   * @default 'sun:05:00-sun:06:00'
   */
  readonly preferredMaintenanceWindow?: string;
  /**
   * Days the `postgresql` log group keeps events (a CloudWatch value of at least 365).
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * Refuse deletion of the cluster. Turning it off is refused when `environment` is `prod`.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Delete the cluster without a final snapshot. Refused when `environment` is `prod`.
   * @default false
   */
  readonly skipFinalSnapshotInsecure?: boolean;
  /**
   * Cluster identifier (≤ 60 characters so instance ids fit RDS's 63).
   * @default derived from the component name and the environment
   */
  readonly clusterIdentifier?: string;
  /**
   * Environment name (`dev`, `staging`, `prod`, ...), used in tags and identifiers.
   * @default the Pulumi stack name
   */
  readonly environment?: string;
}

/** Everything the component needs, checked and with defaults applied. */
export interface AuroraPostgresSettings {
  readonly environment: string;
  readonly family: string;
  readonly clusterIdentifier: string;
  readonly backupRetentionDays: number;
  readonly preferredBackupWindow: string;
  readonly preferredMaintenanceWindow: string;
  readonly logRetentionDays: number;
  readonly instanceClass: string;
  readonly readers: number;
  readonly serverless?: AuroraServerlessCapacity;
  readonly masterPassword: 'rds-managed' | 'generated';
  readonly masterUsername: string;
  readonly deletionProtection: boolean;
  readonly skipFinalSnapshot: boolean;
}

export const AURORA_DEFAULTS = {
  backupRetentionDays: 30,
  preferredBackupWindow: '03:00-04:00',
  preferredMaintenanceWindow: 'sun:05:00-sun:06:00',
  logRetentionDays: 365,
  instanceClass: 'db.r6g.large',
  readers: 1,
  masterUsername: 'phiadmin',
} as const;

/** Cluster identifiers stop at 60 characters so `<cluster>-<n>` instance ids fit in 63. */
export const CLUSTER_IDENTIFIER_MAX_LENGTH = 60;
const MAX_READERS = 15;
const RESERVED_USERS = ['postgres', 'rdsadmin', 'rdsrepladmin', 'rds_superuser', 'public'];

function isHalfStep(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && value >= min && value <= max && Number.isInteger(value * 2);
}

/**
 * Checks every argument and applies defaults, throwing one `InvalidSettingsError` that lists
 * every problem. Nothing is created before this returns.
 */
export function resolveAuroraPostgresSettings(
  name: string,
  args: AuroraPostgresArgs,
  stack: string,
): AuroraPostgresSettings {
  const check = new SettingsCheck(`AuroraPostgres "${name}"`);
  const environment = args.environment ?? stack;
  const isProd = environment === 'prod';

  const engineVersion = args.engineVersion;
  const family =
    typeof engineVersion === 'string' ? auroraPostgresFamily(engineVersion) : undefined;
  if (
    check.require(
      typeof engineVersion === 'string' && parseEngineVersion(engineVersion) !== undefined,
      {
        setting: 'engineVersion',
        value: engineVersion,
        allowed: 'an Aurora PostgreSQL version "<major>.<minor>", e.g. "16.4"',
      },
    )
  ) {
    check.require(family !== undefined, {
      setting: 'engineVersion',
      value: engineVersion,
      allowed: `a major version with a known parameter group family: ${Object.values(
        AURORA_POSTGRES_FAMILIES,
      ).join(', ')}`,
    });
  }

  const backupRetentionDays = args.backupRetentionDays ?? AURORA_DEFAULTS.backupRetentionDays;
  if (typeof backupRetentionDays === 'number' && backupRetentionDays > 35) {
    check.add({
      setting: 'backupRetentionDays',
      value: backupRetentionDays,
      allowed: 'a whole number from 30 to 35',
      reason: "35 days is Aurora's limit; keep longer copies with an AWS Backup plan",
    });
  } else {
    check.require(isIntegerBetween(backupRetentionDays, 30, 35), {
      setting: 'backupRetentionDays',
      value: backupRetentionDays,
      allowed: 'a whole number from 30 to 35',
      reason: 'HIPAA baseline: at least 30 days of backups',
    });
  }

  const backupWindow = args.preferredBackupWindow ?? AURORA_DEFAULTS.preferredBackupWindow;
  const maintenanceWindow =
    args.preferredMaintenanceWindow ?? AURORA_DEFAULTS.preferredMaintenanceWindow;
  checkWindows(check, {
    daily: { setting: 'preferredBackupWindow', window: backupWindow },
    weekly: { setting: 'preferredMaintenanceWindow', window: maintenanceWindow },
    minimumMinutes: 30,
  });

  const logRetentionDays = args.logRetentionDays ?? AURORA_DEFAULTS.logRetentionDays;
  check.require(isAllowedLogRetention(logRetentionDays), {
    setting: 'logRetentionDays',
    value: logRetentionDays,
    allowed: LOG_RETENTION_ALLOWED,
    reason: 'database logs are kept at least a year',
  });

  if (args.instances !== undefined && args.serverless !== undefined) {
    check.add({
      setting: 'instances',
      value: args.instances,
      allowed: 'either instances (provisioned) or serverless (Serverless v2), not both',
    });
  }
  const instanceClass = args.serverless
    ? 'db.serverless'
    : (args.instances?.instanceClass ?? AURORA_DEFAULTS.instanceClass);
  if (!args.serverless) {
    check.require(/^db\.[a-z0-9]+\.[a-z0-9]+$/.test(instanceClass), {
      setting: 'instances.instanceClass',
      value: instanceClass,
      allowed: 'an RDS instance class "db.<family>.<size>", e.g. "db.r6g.large"',
    });
  }
  const readersSetting = args.serverless ? 'serverless.readers' : 'instances.readers';
  const readers = (args.serverless ?? args.instances)?.readers ?? AURORA_DEFAULTS.readers;
  if (
    check.require(isIntegerBetween(readers, 0, MAX_READERS), {
      setting: readersSetting,
      value: readers,
      allowed: `a whole number from 0 to ${MAX_READERS}`,
    })
  ) {
    check.require(!(isProd && readers === 0), {
      setting: readersSetting,
      value: readers,
      allowed: `1 to ${MAX_READERS} when environment is "prod"`,
      reason: 'prod keeps a standby instance in another availability zone',
    });
  }
  if (args.serverless) {
    checkServerless(check, args.serverless, family ? engineVersion : undefined);
  }

  const masterPassword = args.masterPassword ?? 'rds-managed';
  check.require(masterPassword === 'rds-managed' || masterPassword === 'generated', {
    setting: 'masterPassword',
    value: masterPassword,
    allowed: '"rds-managed" or "generated"',
  });
  const masterUsername = args.masterUsername ?? AURORA_DEFAULTS.masterUsername;
  check.require(
    /^[a-zA-Z][a-zA-Z0-9_]{0,62}$/.test(masterUsername) &&
      !RESERVED_USERS.includes(masterUsername.toLowerCase()),
    {
      setting: 'masterUsername',
      value: masterUsername,
      allowed:
        '1 to 63 letters, digits or underscores starting with a letter, not ' +
        RESERVED_USERS.join(', '),
    },
  );
  if (args.databaseName !== undefined) {
    check.require(/^[a-zA-Z][a-zA-Z0-9_]{0,62}$/.test(args.databaseName), {
      setting: 'databaseName',
      value: args.databaseName,
      allowed: '1 to 63 letters, digits or underscores starting with a letter',
    });
  }

  const deletionProtection = args.deletionProtection ?? true;
  const skipFinalSnapshot = args.skipFinalSnapshotInsecure ?? false;
  check.require(!(isProd && !deletionProtection), {
    setting: 'deletionProtection',
    value: deletionProtection,
    allowed: 'true when environment is "prod"',
    reason: 'a prod database is never deleted by accident',
  });
  check.require(!(isProd && skipFinalSnapshot), {
    setting: 'skipFinalSnapshotInsecure',
    value: skipFinalSnapshot,
    allowed: 'false when environment is "prod"',
    reason: 'a prod database always leaves a final snapshot',
  });

  const clusterIdentifier =
    args.clusterIdentifier ?? physicalName([name, environment], CLUSTER_IDENTIFIER_MAX_LENGTH);
  checkLowerCaseIdentifier(
    check,
    'clusterIdentifier',
    clusterIdentifier,
    CLUSTER_IDENTIFIER_MAX_LENGTH,
  );
  checkAllowedSources(check, args.allowedSecurityGroupIds);
  if (Array.isArray(args.subnetIds)) {
    check.require(args.subnetIds.length >= 2, {
      setting: 'subnetIds',
      value: args.subnetIds,
      allowed: 'at least two isolated subnets in different availability zones',
    });
  }

  check.throwIfAny();
  return {
    environment,
    family: family as string,
    clusterIdentifier,
    backupRetentionDays,
    preferredBackupWindow: backupWindow,
    preferredMaintenanceWindow: maintenanceWindow,
    logRetentionDays,
    instanceClass,
    readers,
    ...(args.serverless ? { serverless: args.serverless } : {}),
    masterPassword,
    masterUsername,
    deletionProtection,
    skipFinalSnapshot,
  };
}

function checkServerless(
  check: SettingsCheck,
  capacity: AuroraServerlessCapacity,
  engineVersion: string | undefined,
): void {
  const { minCapacity, maxCapacity, secondsUntilAutoPause } = capacity;
  const minOk = check.require(isHalfStep(minCapacity, 0, 256), {
    setting: 'serverless.minCapacity',
    value: minCapacity,
    allowed: 'a multiple of 0.5 from 0 to 256',
  });
  const maxOk = check.require(isHalfStep(maxCapacity, 1, 256), {
    setting: 'serverless.maxCapacity',
    value: maxCapacity,
    allowed: 'a multiple of 0.5 from 1 to 256',
  });
  if (minOk && maxOk) {
    check.require(minCapacity <= maxCapacity, {
      setting: 'serverless.minCapacity',
      value: minCapacity,
      allowed: `at most maxCapacity (${maxCapacity})`,
    });
  }
  if (minOk && minCapacity === 0 && engineVersion !== undefined) {
    check.require(supportsScaleToZero(engineVersion), {
      setting: 'serverless.minCapacity',
      value: minCapacity,
      allowed: `at least 0.5 on engine ${engineVersion}`,
      reason: '0 ACU (auto-pause) needs 13.15, 14.12, 15.7, 16.3 or later',
    });
  }
  if (secondsUntilAutoPause !== undefined) {
    check.require(minCapacity === 0 && isIntegerBetween(secondsUntilAutoPause, 300, 86400), {
      setting: 'serverless.secondsUntilAutoPause',
      value: secondsUntilAutoPause,
      allowed: 'a whole number from 300 to 86400, only with minCapacity 0',
    });
  }
}
