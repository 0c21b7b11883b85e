/** Customer-managed KMS keys: rotation, an explicit scoped policy, no public principal. */
import { resourcePolicy, ResourcePolicy } from '../definitions';
import {
  describeStatement,
  isNarrowed,
  isServiceScoped,
  readStatements,
} from '../policy-statements';
import { T } from '../resource-types';
import { isUnknown } from '../values';
import { bool, num, str } from './common';

const SYMMETRIC = 'SYMMETRIC_DEFAULT';

export const KMS_01 = resourcePolicy({
  id: 'KMS-01',
  catalogueSeverity: 'H',
  description: 'Symmetric customer-managed keys rotate automatically, at least yearly.',
  remediation: 'set enableKeyRotation: true (rotationPeriodInDays 90..365)',
  derivedFrom: ['AwsSolutions-KMS5', 'cmk-backing-key-rotation-enabled', 'CKV_AWS_7', 'KMS.4'],
  types: [T.kmsKey],
  validate(key, report) {
    const spec = str(key, 'customerMasterKeySpec');
    if (isUnknown(spec)) return report.undetermined('customerMasterKeySpec is not known yet');
    // Asymmetric and HMAC keys cannot rotate automatically; the check does not apply to them.
    if (spec !== undefined && spec !== SYMMETRIC) return;
    const rotation = bool(key, 'enableKeyRotation');
    if (isUnknown(rotation)) return report.undetermined('enableKeyRotation is not known yet');
    if (rotation !== true) {
      report.violation(`key rotation is ${rotation === false ? 'disabled' : 'not enabled'}`);
      return;
    }
    const period = num(key, 'rotationPeriodInDays');
    if (typeof period === 'number' && period > 365) {
      report.violation(`rotationPeriodInDays is ${period}; keys must rotate at least yearly`, {
        hint: 'set rotationPeriodInDays to 365 or less',
      });
    }
  },
});

export const KMS_02 = resourcePolicy({
  id: 'KMS-02',
  catalogueSeverity: 'C',
  description: 'No key policy statement allows everyone unless narrowed to an account/service.',
  remediation:
    'name the principals, or add a kms:CallerAccount / kms:ViaService / aws:PrincipalAccount ' +
    'condition to the statement',
  derivedFrom: ['CKV_AWS_33', 'KMS.5'],
  types: [T.kmsKey, T.kmsKeyPolicy],
  validate(key, report) {
    const statements = readStatements(key.inputs.policy);
    if (!statements.ok) {
      if (statements.unknown) report.undetermined('the key policy is not known yet');
      return; // An absent policy is KMS-03's finding.
    }
    statements.value.forEach((statement, index) => {
      if (statement.effect !== 'Allow' || !statement.principal?.everyone) return;
      if (isNarrowed(statement)) return;
      report.violation(
        `${describeStatement(statement, index)} of the key policy allows any principal ` +
          'without a narrowing condition',
      );
    });
  },
});

export const KMS_03 = resourcePolicy({
  id: 'KMS-03',
  catalogueSeverity: 'H',
  description:
    'The key policy is written explicitly and every service-principal grant is scoped by a ' +
    'condition.',
  remediation:
    'pass an explicit policy (EncryptionKey does) and scope service principals with ' +
    'kms:EncryptionContext, aws:SourceArn/SourceAccount or kms:ViaService',
  derivedFrom: ['CKV2_AWS_64'],
  types: [T.kmsKey],
  validate(key, report) {
    const statements = readStatements(key.inputs.policy);
    if (!statements.ok) {
      if (statements.unknown) return report.undetermined('the key policy is not known yet');
      return report.violation(`the key has no explicit policy (policy ${statements.reason})`);
    }
    statements.value.forEach((statement, index) => {
      if (statement.effect !== 'Allow' || !statement.principal) return;
      if (statement.principal.service.length === 0 || isServiceScoped(statement)) return;
      report.violation(
        `${describeStatement(statement, index)} grants ${statement.principal.service.join(', ')} ` +
          'use of the key without a scoping condition',
      );
    });
  },
});

export const KMS_04 = resourcePolicy({
  id: 'KMS-04',
  catalogueSeverity: 'H',
  description: 'The key policy lockout safety check is never bypassed.',
  remediation: 'remove bypassPolicyLockoutSafetyCheck (or set it to false)',
  derivedFrom: ['aws-kms-key-disallow-bypass-policy-lockout-safety-check'],
  types: [T.kmsKey, T.kmsKeyPolicy],
  validate(key, report) {
    const bypass = bool(key, 'bypassPolicyLockoutSafetyCheck');
    if (isUnknown(bypass)) return report.undetermined('bypassPolicyLockoutSafetyCheck is unknown');
    if (bypass === true) report.violation('bypassPolicyLockoutSafetyCheck is true');
  },
});

export const KMS_05 = resourcePolicy({
  id: 'KMS-05',
  catalogueSeverity: 'H',
  description: 'Keys are enabled and deletion waits the longest window (30 days).',
  remediation: 'leave isEnabled unset (or true) and set deletionWindowInDays: 30',
  derivedFrom: ['kms-cmk-not-scheduled-for-deletion', 'CKV_AWS_227', 'KMS.3'],
  types: [T.kmsKey],
  validate(key, report) {
    const enabled = bool(key, 'isEnabled');
    if (isUnknown(enabled)) report.undetermined('isEnabled is not known yet');
    else if (enabled === false) report.violation('the key is disabled (isEnabled: false)');
    const window = num(key, 'deletionWindowInDays');
    if (isUnknown(window)) report.undetermined('deletionWindowInDays is not known yet');
    else if (typeof window === 'number' && window < 30) {
      report.violation(`deletionWindowInDays is ${window}; a deleted PHI key must stay 30 days`);
    }
  },
});

export const KMS_POLICIES: readonly ResourcePolicy[] = [KMS_01, KMS_02, KMS_03, KMS_04, KMS_05];
