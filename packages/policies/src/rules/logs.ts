/** CloudWatch log groups: encrypted with the key, retained at least a year. */
import { MIN_LOG_RETENTION_DAYS } from '@phi-platform/core';
import { resourcePolicy, ResourcePolicy } from '../definitions';
import { T } from '../resource-types';
import { isUnknown } from '../values';
import { num, requireKeyArn } from './common';

export const LOG_01 = resourcePolicy({
  id: 'LOG-01',
  catalogueSeverity: 'H',
  description: 'Log groups are encrypted with a customer-managed key given by ARN.',
  remediation: 'set kmsKeyId to the EncryptionKey keyArn',
  derivedFrom: [
    'HIPAA.Security-CloudWatchLogGroupEncrypted',
    'cloudwatch-log-group-encrypted',
    'CKV_AWS_158',
  ],
  types: [T.logGroup],
  validate(group, report) {
    requireKeyArn(group, 'kmsKeyId', report, 'the log group');
  },
});

export const LOG_02 = resourcePolicy({
  id: 'LOG-02',
  catalogueSeverity: 'H',
  description: 'Log groups set an explicit retention (never "never expire").',
  remediation: `set retentionInDays to ${MIN_LOG_RETENTION_DAYS} or more`,
  derivedFrom: ['HIPAA.Security-CloudWatchLogGroupRetentionPeriod', 'CKV_AWS_66'],
  types: [T.logGroup],
  validate(group, report) {
    const days = num(group, 'retentionInDays');
    if (isUnknown(days)) return report.undetermined('retentionInDays is not known yet');
    if (days === undefined || days === 0) {
      report.violation('the log group has no retention: its records never expire');
    }
  },
});

export const LOG_03 = resourcePolicy({
  id: 'LOG-03',
  catalogueSeverity: 'M',
  // Mandatory by the catalogue's section 3 choice: audit records are kept at least a year.
  level: 'mandatory',
  description: `Log groups keep records at least ${MIN_LOG_RETENTION_DAYS} days.`,
  remediation: `set retentionInDays to ${MIN_LOG_RETENTION_DAYS} or more (2192 for six years)`,
  derivedFrom: ['cw-loggroup-retention-period-check', 'CloudWatch.16', 'CKV_AWS_338'],
  types: [T.logGroup],
  validate(group, report) {
    const days = num(group, 'retentionInDays');
    if (isUnknown(days)) return report.undetermined('retentionInDays is not known yet');
    if (typeof days === 'number' && days > 0 && days < MIN_LOG_RETENTION_DAYS) {
      report.violation(`retentionInDays is ${days}, below ${MIN_LOG_RETENTION_DAYS}`);
    }
  },
});

export const LOG_POLICIES: readonly ResourcePolicy[] = [LOG_01, LOG_02, LOG_03];
