import { InvalidSettingsError } from '@phi-platform/core';
import { AuroraPostgresArgs, resolveAuroraPostgresSettings } from '../src/aurora-postgres-args';

const base: AuroraPostgresArgs = {
  vpcId: 'vpc-1',
  subnetIds: ['subnet-a', 'subnet-b'],
  engineVersion: '16.4',
  kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/k',
  allowedSecurityGroupIds: ['sg-app'],
};

function problemsOf(args: Partial<AuroraPostgresArgs>, stack = 'dev'): string {
  try {
    resolveAuroraPostgresSettings('db', { ...base, ...args }, stack);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidSettingsError);
    return (e as Error).message;
  }
  throw new Error('expected the settings to be refused');
}

describe('resolveAuroraPostgresSettings', () => {
  it('applies secure defaults', () => {
    expect(resolveAuroraPostgresSettings('db', base, 'dev')).toEqual({
      environment: 'dev',
      family: 'aurora-postgresql16',
      clusterIdentifier: 'db-dev',
      backupRetentionDays: 30,
      preferredBackupWindow: '03:00-04:00',
      preferredMaintenanceWindow: 'sun:05:00-sun:06:00',
      logRetentionDays: 365,
      instanceClass: 'db.r6g.large',
      readers: 1,
      masterPassword: 'rds-managed',
      masterUsername: 'phiadmin',
      deletionProtection: true,
      skipFinalSnapshot: false,
    });
  });

  it('uses db.serverless for every instance with Serverless v2', () => {
    const settings = resolveAuroraPostgresSettings(
      'db',
      { ...base, serverless: { minCapacity: 0.5, maxCapacity: 16, readers: 2 } },
      'dev',
    );
    expect(settings.instanceClass).toBe('db.serverless');
    expect(settings.readers).toBe(2);
    expect(settings.serverless).toEqual({ minCapacity: 0.5, maxCapacity: 16, readers: 2 });
  });

  it('fits a long name into 60 characters', () => {
    const settings = resolveAuroraPostgresSettings(
      'Patient_Records_' + 'x'.repeat(80),
      base,
      'prod',
    );
    expect(settings.clusterIdentifier).toHaveLength(60);
    expect(settings.clusterIdentifier).toMatch(/^patient-records-x+$/);
  });

  it('refuses fewer than 30 backup days (HIPAA baseline)', () => {
    expect(problemsOf({ backupRetentionDays: 7 })).toBe(
      'Invalid settings for AuroraPostgres "db" (1):\n' +
        '  - backupRetentionDays: got 7; allowed: a whole number from 30 to 35 ' +
        '(HIPAA baseline: at least 30 days of backups)',
    );
  });

  it("refuses more than 35 backup days (Aurora's limit) and points to AWS Backup", () => {
    expect(problemsOf({ backupRetentionDays: 90 })).toBe(
      'Invalid settings for AuroraPostgres "db" (1):\n' +
        '  - backupRetentionDays: got 90; allowed: a whole number from 30 to 35 ' +
        "(35 days is Aurora's limit; keep longer copies with an AWS Backup plan)",
    );
  });

  it('names the known families for an unknown major version', () => {
    expect(problemsOf({ engineVersion: '11.9' })).toBe(
      'Invalid settings for AuroraPostgres "db" (1):\n' +
        '  - engineVersion: got "11.9"; allowed: a major version with a known parameter group ' +
        'family: aurora-postgresql13, aurora-postgresql14, aurora-postgresql15, ' +
        'aurora-postgresql16, aurora-postgresql17, aurora-postgresql18',
    );
  });

  it('refuses a malformed version', () => {
    expect(problemsOf({ engineVersion: 'latest' })).toBe(
      'Invalid settings for AuroraPostgres "db" (1):\n' +
        '  - engineVersion: got "latest"; allowed: an Aurora PostgreSQL version ' +
        '"<major>.<minor>", e.g. "16.4"',
    );
  });

  it('reports every problem at once', () => {
    const message = problemsOf({
      backupRetentionDays: 1,
      engineVersion: '9.6',
      masterUsername: 'postgres',
      preferredBackupWindow: '05:30-06:30',
      preferredMaintenanceWindow: 'tue:06:00-tue:07:00',
      logRetentionDays: 30,
      allowedSecurityGroupIds: [],
    });
    expect(message).toBe(
      [
        'Invalid settings for AuroraPostgres "db" (6):',
        '  - engineVersion: got "9.6"; allowed: a major version with a known parameter group ' +
          'family: aurora-postgresql13, aurora-postgresql14, aurora-postgresql15, ' +
          'aurora-postgresql16, aurora-postgresql17, aurora-postgresql18',
        '  - backupRetentionDays: got 1; allowed: a whole number from 30 to 35 ' +
          '(HIPAA baseline: at least 30 days of backups)',
        '  - preferredMaintenanceWindow: got "tue:06:00-tue:07:00"; allowed: a window that ' +
          'does not overlap preferredBackupWindow "05:30-06:30"',
        '  - logRetentionDays: got 30; allowed: one of 365, 400, 545, 731, 1096, 1827, 2192, ' +
          '2557, 2922, 3288, 3653 (database logs are kept at least a year)',
        '  - masterUsername: got "postgres"; allowed: 1 to 63 letters, digits or underscores ' +
          'starting with a letter, not postgres, rdsadmin, rdsrepladmin, rds_superuser, public',
        '  - allowedSecurityGroupIds: got []; allowed: at least one security group id (a list, ' +
          'or a record keyed by a short name) (only named security groups may connect)',
      ].join('\n'),
    );
  });

  it('refuses malformed or short windows', () => {
    expect(
      problemsOf({ preferredBackupWindow: '03:00-03:15', preferredMaintenanceWindow: 'sunday' }),
    ).toBe(
      'Invalid settings for AuroraPostgres "db" (2):\n' +
        '  - preferredBackupWindow: got "03:00-03:15"; allowed: a UTC window "hh24:mi-hh24:mi" ' +
        'of at least 30 minutes, e.g. "03:00-04:00"\n' +
        '  - preferredMaintenanceWindow: got "sunday"; allowed: a UTC window ' +
        '"ddd:hh24:mi-ddd:hh24:mi" of at least 30 minutes, e.g. "sun:05:00-sun:06:00"',
    );
  });

  it('lets dev opt out of deletion protection and the final snapshot by name', () => {
    const settings = resolveAuroraPostgresSettings(
      'db',
      { ...base, deletionProtection: false, skipFinalSnapshotInsecure: true, environment: 'dev' },
      'whatever',
    );
    expect(settings.deletionProtection).toBe(false);
    expect(settings.skipFinalSnapshot).toBe(true);
    expect(settings.clusterIdentifier).toBe('db-dev');
  });

  it('refuses the opt-outs, and a lone instance, in prod', () => {
    expect(
      problemsOf(
        {
          deletionProtection: false,
          skipFinalSnapshotInsecure: true,
          instances: { readers: 0 },
          environment: 'prod',
        },
        'dev',
      ),
    ).toBe(
      'Invalid settings for AuroraPostgres "db" (3):\n' +
        '  - instances.readers: got 0; allowed: 1 to 15 when environment is "prod" ' +
        '(prod keeps a standby instance in another availability zone)\n' +
        '  - deletionProtection: got false; allowed: true when environment is "prod" ' +
        '(a prod database is never deleted by accident)\n' +
        '  - skipFinalSnapshotInsecure: got true; allowed: false when environment is "prod" ' +
        '(a prod database always leaves a final snapshot)',
    );
  });

  it('takes prod from the stack name when no environment is given', () => {
    expect(problemsOf({ deletionProtection: false }, 'prod')).toContain('deletionProtection');
  });

  it.each([
    [
      { minCapacity: 0.25, maxCapacity: 8 },
      'serverless.minCapacity: got 0.25; allowed: a multiple of 0.5 from 0 to 256',
    ],
    [
      { minCapacity: 1, maxCapacity: 300 },
      'serverless.maxCapacity: got 300; allowed: a multiple of 0.5 from 1 to 256',
    ],
    [
      { minCapacity: 8, maxCapacity: 4 },
      'serverless.minCapacity: got 8; allowed: at most maxCapacity (4)',
    ],
    [
      { minCapacity: 0.5, maxCapacity: 0.5 },
      'serverless.maxCapacity: got 0.5; allowed: a multiple of 0.5 from 1 to 256',
    ],
    [
      { minCapacity: 1, maxCapacity: 4, secondsUntilAutoPause: 600 },
      'serverless.secondsUntilAutoPause: got 600; allowed: a whole number from 300 to 86400, ' +
        'only with minCapacity 0',
    ],
  ])('refuses Serverless v2 capacity %j', (serverless, problem) => {
    expect(problemsOf({ serverless })).toBe(
      `Invalid settings for AuroraPostgres "db" (1):\n  - ${problem}`,
    );
  });

  it('allows 0 ACU only on versions with auto-pause', () => {
    const ok = resolveAuroraPostgresSettings(
      'db',
      { ...base, serverless: { minCapacity: 0, maxCapacity: 256, secondsUntilAutoPause: 900 } },
      'dev',
    );
    expect(ok.serverless?.minCapacity).toBe(0);
    expect(
      problemsOf({ engineVersion: '16.2', serverless: { minCapacity: 0, maxCapacity: 4 } }),
    ).toBe(
      'Invalid settings for AuroraPostgres "db" (1):\n' +
        '  - serverless.minCapacity: got 0; allowed: at least 0.5 on engine 16.2 ' +
        '(0 ACU (auto-pause) needs 13.15, 14.12, 15.7, 16.3 or later)',
    );
  });

  it('refuses provisioned and serverless together, and a bad instance class', () => {
    expect(
      problemsOf({
        instances: { instanceClass: 'r6g.large' },
        serverless: { minCapacity: 1, maxCapacity: 2 },
      }),
    ).toBe(
      'Invalid settings for AuroraPostgres "db" (1):\n' +
        '  - instances: got {"instanceClass":"r6g.large"}; allowed: either instances ' +
        '(provisioned) or serverless (Serverless v2), not both',
    );
    expect(problemsOf({ instances: { instanceClass: 'r6g.large', readers: 16 } })).toBe(
      'Invalid settings for AuroraPostgres "db" (2):\n' +
        '  - instances.instanceClass: got "r6g.large"; allowed: an RDS instance class ' +
        '"db.<family>.<size>", e.g. "db.r6g.large"\n' +
        '  - instances.readers: got 16; allowed: a whole number from 0 to 15',
    );
  });

  it('refuses a bad cluster identifier, one subnet and bad source keys', () => {
    expect(
      problemsOf({
        clusterIdentifier: 'Db--1',
        subnetIds: ['subnet-a'],
        allowedSecurityGroupIds: { App: 'sg-1' },
      }),
    ).toBe(
      'Invalid settings for AuroraPostgres "db" (3):\n' +
        '  - clusterIdentifier: got "Db--1"; allowed: 1 to 60 letters, digits or hyphens, ' +
        'starting with a letter, without "--" or a trailing hyphen, lower case\n' +
        '  - allowedSecurityGroupIds: got ["App"]; allowed: record keys of 1 to 31 lower-case ' +
        'letters, digits or hyphens\n' +
        '  - subnetIds: got ["subnet-a"]; allowed: at least two isolated subnets in different ' +
        'availability zones',
    );
  });
});
