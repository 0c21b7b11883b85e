/** Aurora PostgreSQL, ElastiCache and Secrets Manager: encrypted, TLS-only, backed up. */
import { resourcePolicy, ResourcePolicy } from '../definitions';
import { describeStatement, isNarrowed, readStatements } from '../policy-statements';
import { T } from '../resource-types';
import { at, isDict, isUnknown, list, show, strings } from '../values';
import { bool, isSecretInput, num, requireKeyArn, str } from './common';

export const RDS_01 = resourcePolicy({
  id: 'RDS-01',
  catalogueSeverity: 'C',
  description: 'Aurora cluster storage is encrypted.',
  remediation: 'set storageEncrypted: true with kmsKeyId = the EncryptionKey keyArn',
  derivedFrom: [
    'HIPAA.Security-RDSStorageEncrypted',
    'rds-storage-encrypted',
    'CKV_AWS_96',
    'RDS.27',
  ],
  types: [T.rdsCluster],
  validate(cluster, report) {
    const encrypted = bool(cluster, 'storageEncrypted');
    if (isUnknown(encrypted)) return report.undetermined('storageEncrypted is not known yet');
    if (encrypted !== true) report.violation(`storageEncrypted is ${show(encrypted)}`);
  },
});

export const RDS_02 = resourcePolicy({
  id: 'RDS-02',
  catalogueSeverity: 'H',
  description: 'Aurora storage uses the customer-managed key, not aws/rds.',
  remediation: 'set kmsKeyId to the EncryptionKey keyArn',
  derivedFrom: ['CKV_AWS_327', 'aws-rds-cluster-configure-customer-managed-key'],
  types: [T.rdsCluster],
  validate(cluster, report) {
    requireKeyArn(cluster, 'kmsKeyId', report, 'the cluster');
  },
});

export const MIN_BACKUP_RETENTION_DAYS = 30;

export const RDS_03 = resourcePolicy({
  id: 'RDS-03',
  catalogueSeverity: 'H',
  description: `Automated backups are kept ${MIN_BACKUP_RETENTION_DAYS}+ days in a set window.`,
  remediation: `set backupRetentionPeriod ${MIN_BACKUP_RETENTION_DAYS}..35 and preferredBackupWindow`,
  derivedFrom: [
    'HIPAA.Security-RDSInstanceBackupEnabled',
    'db-instance-backup-enabled',
    'CKV_AWS_133',
    'RDS.11',
  ],
  types: [T.rdsCluster],
  validate(cluster, report) {
    const days = num(cluster, 'backupRetentionPeriod');
    if (isUnknown(days)) report.undetermined('backupRetentionPeriod is not known yet');
    else if (days === undefined || days < MIN_BACKUP_RETENTION_DAYS) {
      report.violation(`backupRetentionPeriod is ${show(days)} (default 1 day when unset)`);
    }
    const window = str(cluster, 'preferredBackupWindow');
    if (!isUnknown(window) && !window) report.violation('preferredBackupWindow is not set');
  },
});

export const RDS_05 = resourcePolicy({
  id: 'RDS-05',
  catalogueSeverity: 'H',
  description: 'Clusters have deletion protection and take a final snapshot.',
  remediation:
    'keep deletionProtection: true and skipFinalSnapshot: false with finalSnapshotIdentifier',
  derivedFrom: [
    'HIPAA.Security-RDSInstanceDeletionProtectionEnabled',
    'rds-cluster-deletion-protection-enabled',
    'CKV_AWS_139',
    'RDS.7',
  ],
  types: [T.rdsCluster],
  validate(cluster, report) {
    const protection = bool(cluster, 'deletionProtection');
    if (isUnknown(protection)) report.undetermined('deletionProtection is not known yet');
    else if (protection !== true) report.violation(`deletionProtection is ${show(protection)}`);
    const skip = bool(cluster, 'skipFinalSnapshot');
    if (isUnknown(skip)) report.undetermined('skipFinalSnapshot is not known yet');
    else if (skip === true) report.violation('skipFinalSnapshot is true: deletion loses the data');
    else {
      const id = str(cluster, 'finalSnapshotIdentifier');
      if (!isUnknown(id) && !id) report.violation('finalSnapshotIdentifier is not set');
    }
  },
});

export const RDS_07 = resourcePolicy({
  id: 'RDS-07',
  catalogueSeverity: 'H',
  description: 'Aurora PostgreSQL exports its postgresql log to CloudWatch.',
  remediation: "set enabledCloudwatchLogsExports: ['postgresql'] (log group pre-created, LOG-04)",
  derivedFrom: ['HIPAA.Security-RDSLoggingEnabled', 'rds-logging-enabled', 'CKV_AWS_324', 'RDS.37'],
  types: [T.rdsCluster],
  validate(cluster, report) {
    const exports = strings(at(cluster.inputs, 'enabledCloudwatchLogsExports'));
    if (isUnknown(exports)) return report.undetermined('enabledCloudwatchLogsExports is unknown');
    if (!exports.includes('postgresql')) {
      report.violation(`enabledCloudwatchLogsExports is ${show(exports)}: no postgresql log`);
    }
  },
});

export const RDS_09 = resourcePolicy({
  id: 'RDS-09',
  catalogueSeverity: 'H',
  description:
    'The master password never sits in state in clear: RDS-managed (with the key) or a secret.',
  remediation:
    'set manageMasterUserPassword: true with masterUserSecretKmsKeyId = keyArn, or pass a ' +
    'generated password as a Pulumi secret',
  derivedFrom: ['HIPAA.Security-SecretsManagerRotationEnabled (managed rotation)'],
  types: [T.rdsCluster],
  validate(cluster, report) {
    const managed = bool(cluster, 'manageMasterUserPassword');
    if (isUnknown(managed)) return report.undetermined('manageMasterUserPassword is unknown');
    if (managed === true) {
      requireKeyArn(cluster, 'masterUserSecretKmsKeyId', report, 'the managed master secret');
      return;
    }
    if (at(cluster.inputs, 'masterPasswordWo') !== undefined) return;
    if (at(cluster.inputs, 'masterPassword') === undefined) return; // restored from a snapshot
    const secret = isSecretInput(cluster, 'masterPassword');
    if (secret === undefined) report.undetermined('cannot tell whether masterPassword is secret');
    else if (!secret) report.violation('masterPassword is stored in state in clear');
  },
});

export const RDS_12 = resourcePolicy({
  id: 'RDS-12',
  catalogueSeverity: 'H',
  description: 'Clusters use a custom cluster parameter group (never the default).',
  remediation: 'set dbClusterParameterGroupName to the platform group that forces TLS',
  derivedFrom: ['CKV2_AWS_27'],
  types: [T.rdsCluster],
  validate(cluster, report) {
    const group = str(cluster, 'dbClusterParameterGroupName');
    if (isUnknown(group)) return report.undetermined('dbClusterParameterGroupName is unknown');
    if (!group || group.startsWith('default.')) {
      report.violation(`dbClusterParameterGroupName is ${show(group)}`);
    }
  },
});

export const RDS_13 = resourcePolicy({
  id: 'RDS-13',
  catalogueSeverity: 'H',
  description: 'Clusters sit in their own subnet group with named security groups.',
  remediation: 'set dbSubnetGroupName (isolated subnets) and vpcSecurityGroupIds',
  derivedFrom: ['RDS.18'],
  types: [T.rdsCluster],
  validate(cluster, report) {
    const subnetGroup = str(cluster, 'dbSubnetGroupName');
    if (!isUnknown(subnetGroup) && (!subnetGroup || subnetGroup === 'default')) {
      report.violation(`dbSubnetGroupName is ${show(subnetGroup)} (the default VPC's group)`);
    }
    const groups = list(at(cluster.inputs, 'vpcSecurityGroupIds'));
    if (!isUnknown(groups) && groups.length === 0) {
      report.violation('vpcSecurityGroupIds is empty: the VPC default group would apply');
    }
  },
});

export const RDSI_01 = resourcePolicy({
  id: 'RDSI-01',
  catalogueSeverity: 'C',
  description: 'Database instances are explicitly not publicly accessible.',
  remediation: 'set publiclyAccessible: false',
  derivedFrom: [
    'HIPAA.Security-RDSInstancePublicAccess',
    'rds-instance-public-access-check',
    'CKV_AWS_17',
    'RDS.2',
  ],
  types: [T.rdsClusterInstance],
  validate(instance, report) {
    const open = bool(instance, 'publiclyAccessible');
    if (isUnknown(open)) return report.undetermined('publiclyAccessible is not known yet');
    if (open !== false) report.violation(`publiclyAccessible is ${show(open)}`);
  },
});

export const RDSI_04 = resourcePolicy({
  id: 'RDSI-04',
  catalogueSeverity: 'H',
  description: 'Performance Insights, when on, is encrypted with the customer-managed key.',
  remediation: 'set performanceInsightsKmsKeyId to the EncryptionKey keyArn',
  derivedFrom: ['CKV_AWS_354', 'aws-rds-clusterinstance-disallow-unencrypted-performance-insights'],
  types: [T.rdsClusterInstance, T.rdsCluster],
  validate(resource, report) {
    const enabled = bool(resource, 'performanceInsightsEnabled');
    if (isUnknown(enabled)) return report.undetermined('performanceInsightsEnabled is unknown');
    if (enabled === true) {
      requireKeyArn(resource, 'performanceInsightsKmsKeyId', report, 'Performance Insights');
    }
  },
});

export const PGP_01 = resourcePolicy({
  id: 'PGP-01',
  catalogueSeverity: 'C',
  description: 'The cluster parameter group forces TLS (rds.force_ssl = 1).',
  remediation: "add { name: 'rds.force_ssl', value: '1', applyMethod: 'pending-reboot' }",
  derivedFrom: ['CKV2_AWS_69 (instances only; catalogue section 3 item 14)'],
  types: [T.rdsClusterParameterGroup],
  validate(group, report) {
    const parameters = list(at(group.inputs, 'parameters'));
    if (isUnknown(parameters)) return report.undetermined('parameters are not known yet');
    const forceSsl = parameters.filter(isDict).find((p) => p.name === 'rds.force_ssl');
    if (forceSsl === undefined)
      return report.violation('rds.force_ssl is not set (Aurora default 0)');
    if (String(forceSsl.value) !== '1') {
      report.violation(`rds.force_ssl is ${show(forceSsl.value)}, not 1`);
    }
  },
});

export const EC_01 = resourcePolicy({
  id: 'EC-01',
  catalogueSeverity: 'C',
  description: 'Redis replication groups encrypt data at rest.',
  remediation: 'set atRestEncryptionEnabled: true with kmsKeyId = keyArn',
  derivedFrom: ['AwsSolutions-AEC3', 'CKV_AWS_29', 'ElastiCache.4'],
  types: [T.replicationGroup],
  validate(group, report) {
    const value = bool(group, 'atRestEncryptionEnabled');
    if (isUnknown(value)) return report.undetermined('atRestEncryptionEnabled is not known yet');
    if (value !== true) report.violation(`atRestEncryptionEnabled is ${show(value)}`);
  },
});

export const EC_02 = resourcePolicy({
  id: 'EC-02',
  catalogueSeverity: 'H',
  description: 'Redis encryption at rest uses the customer-managed key.',
  remediation: 'set kmsKeyId to the EncryptionKey keyArn',
  derivedFrom: ['CKV_AWS_191'],
  types: [T.replicationGroup],
  validate(group, report) {
    requireKeyArn(group, 'kmsKeyId', report, 'the replication group');
  },
});

export const EC_03 = resourcePolicy({
  id: 'EC-03',
  catalogueSeverity: 'C',
  description: 'Redis requires TLS from every client (transit encryption mode "required").',
  remediation: "set transitEncryptionEnabled: true and transitEncryptionMode: 'required'",
  derivedFrom: ['AwsSolutions-AEC3', 'CKV_AWS_30', 'ElastiCache.5'],
  types: [T.replicationGroup],
  validate(group, report) {
    const enabled = bool(group, 'transitEncryptionEnabled');
    const mode = str(group, 'transitEncryptionMode');
    if (isUnknown(enabled) || isUnknown(mode)) {
      return report.undetermined('transit encryption settings are not known yet');
    }
    if (enabled !== true) report.violation(`transitEncryptionEnabled is ${show(enabled)}`);
    else if (mode !== 'required') report.violation(`transitEncryptionMode is ${show(mode)}`);
  },
});

export const EC_04 = resourcePolicy({
  id: 'EC-04',
  catalogueSeverity: 'H',
  description: 'Redis authenticates clients (RBAC user groups or an AUTH token held as a secret).',
  remediation: 'set userGroupIds, or authToken from GeneratedSecret (a Pulumi secret)',
  derivedFrom: ['AwsSolutions-AEC6', 'CKV_AWS_31', 'ElastiCache.6'],
  types: [T.replicationGroup],
  validate(group, report) {
    const users = list(at(group.inputs, 'userGroupIds'));
    if (!isUnknown(users) && users.length > 0) return;
    if (at(group.inputs, 'authTokenWo') !== undefined) return;
    const token = at(group.inputs, 'authToken');
    if (isUnknown(users) || isUnknown(token)) return report.undetermined('auth settings unknown');
    if (token === undefined)
      return report.violation('no userGroupIds and no authToken: open cache');
    const secret = isSecretInput(group, 'authToken');
    if (secret === undefined) report.undetermined('cannot tell whether authToken is secret');
    else if (!secret) report.violation('authToken is stored in state in clear');
  },
});

export const EC_07 = resourcePolicy({
  id: 'EC-07',
  catalogueSeverity: 'H',
  description: 'Redis sits in its own subnet group with named security groups.',
  remediation: 'set subnetGroupName (isolated subnets) and securityGroupIds',
  derivedFrom: ['AwsSolutions-AEC1', 'CKV_AWS_323', 'ElastiCache.7'],
  types: [T.replicationGroup],
  validate(group, report) {
    const subnetGroup = str(group, 'subnetGroupName');
    if (!isUnknown(subnetGroup) && (!subnetGroup || subnetGroup === 'default')) {
      report.violation(`subnetGroupName is ${show(subnetGroup)}`);
    }
    const groups = list(at(group.inputs, 'securityGroupIds'));
    if (!isUnknown(groups) && groups.length === 0) report.violation('securityGroupIds is empty');
  },
});

export const EC_05 = resourcePolicy({
  id: 'EC-05',
  catalogueSeverity: 'M',
  description: 'Redis snapshots are kept at least 15 days.',
  remediation: 'set snapshotRetentionLimit to 15 or more',
  derivedFrom: [
    'HIPAA.Security-ElastiCacheRedisClusterAutomaticBackup',
    'elasticache-redis-cluster-automatic-backup-check',
    'ElastiCache.1',
  ],
  types: [T.replicationGroup],
  validate(group, report) {
    const days = num(group, 'snapshotRetentionLimit');
    if (!isUnknown(days) && (days === undefined || days < 15)) {
      report.violation(`snapshotRetentionLimit is ${show(days)}`);
    }
  },
});

export const SM_01 = resourcePolicy({
  id: 'SM-01',
  catalogueSeverity: 'H',
  description: 'Secrets are encrypted with the customer-managed key.',
  remediation: 'set kmsKeyId to the EncryptionKey keyArn (GeneratedSecret does)',
  derivedFrom: [
    'HIPAA.Security-SecretsManagerUsingKMSKey',
    'secretsmanager-using-cmk',
    'CKV_AWS_149',
  ],
  types: [T.secret],
  validate(secret, report) {
    requireKeyArn(secret, 'kmsKeyId', report, 'the secret');
  },
});

export const SM_06 = resourcePolicy({
  id: 'SM-06',
  catalogueSeverity: 'H',
  description: 'Secret resource policies never admit everyone and block public policies.',
  remediation: 'name the reading roles; set blockPublicPolicy: true',
  derivedFrom: ['catalogue SM-06 (beyond the rule sets)'],
  types: [T.secret, T.secretPolicy],
  validate(resource, report) {
    const policy = at(resource.inputs, 'policy');
    if (policy === undefined) return;
    const statements = readStatements(policy);
    if (!statements.ok) {
      if (statements.unknown) report.undetermined('the secret policy is not known yet');
      else report.violation(`the secret policy cannot be read: it ${statements.reason}`);
      return;
    }
    statements.value.forEach((statement, index) => {
      if (statement.effect === 'Allow' && statement.principal?.everyone && !isNarrowed(statement)) {
        report.violation(`${describeStatement(statement, index)} admits every principal`);
      }
    });
    if (resource.type === T.secretPolicy && bool(resource, 'blockPublicPolicy') === false) {
      report.violation('blockPublicPolicy is false');
    }
  },
});

export const SM_08 = resourcePolicy({
  id: 'SM-08',
  catalogueSeverity: 'H',
  description: 'Secret values are Pulumi secrets: never in state or plans in clear.',
  remediation: 'wrap the value with pulumi.secret() (or pass a secret Output)',
  derivedFrom: ['catalogue section 3 item 21 (beyond the rule sets)'],
  types: [T.secretVersion],
  validate(version, report) {
    for (const prop of ['secretString', 'secretBinary']) {
      if (at(version.inputs, prop) === undefined) continue;
      const secret = isSecretInput(version, prop);
      if (secret === undefined) report.undetermined(`cannot tell whether ${prop} is secret`);
      else if (!secret) report.violation(`${prop} is stored in state in clear`);
    }
  },
});

export const DATA_STORE_POLICIES: readonly ResourcePolicy[] = [
  RDS_01,
  RDS_02,
  RDS_03,
  RDS_05,
  RDS_07,
  RDS_09,
  RDS_12,
  RDS_13,
  RDSI_01,
  RDSI_04,
  PGP_01,
  EC_01,
  EC_02,
  EC_03,
  EC_04,
  EC_05,
  EC_07,
  SM_01,
  SM_06,
  SM_08,
];
