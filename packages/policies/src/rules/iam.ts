/** IAM identity policies and trust policies: least privilege, no wildcards, scoped trust. */
import { Reporter, resourcePolicy, ResourcePolicy } from '../definitions';
import {
  actionMatches,
  appliesToAllResources,
  conditionKeys,
  describeStatement,
  grants,
  isFullAccessAction,
  readStatements,
  Statement,
} from '../policy-statements';
import { T } from '../resource-types';
import { PlanResource } from '../types';
import { at, isDict, isUnknown, list, strings } from '../values';

const POLICY_TYPES = [T.iamPolicy, T.rolePolicy, T.role, T.rolePolicyAttachment];

interface Document {
  readonly label: string;
  readonly input: unknown;
}

/** Identity-policy documents a resource carries: `policy`, or a role's `inlinePolicies`. */
export function identityDocuments(resource: PlanResource): Document[] {
  if (resource.type === T.iamPolicy || resource.type === T.rolePolicy) {
    return [{ label: 'policy', input: at(resource.inputs, 'policy') }];
  }
  if (resource.type === T.role) {
    const inline = list(at(resource.inputs, 'inlinePolicies'));
    if (isUnknown(inline)) return [{ label: 'inlinePolicies', input: inline }];
    return inline.filter(isDict).map((entry, index) => ({
      label: `inlinePolicies[${index}]`,
      input: entry.policy,
    }));
  }
  return [];
}

/** AWS-managed policies attached by ARN (`arn:<partition>:iam::aws:policy/...`). */
export function managedPolicyNames(resource: PlanResource): string[] {
  const arns =
    resource.type === T.rolePolicyAttachment
      ? strings(at(resource.inputs, 'policyArn'))
      : resource.type === T.role
        ? strings(at(resource.inputs, 'managedPolicyArns'))
        : [];
  if (isUnknown(arns)) return [];
  return arns
    .map((arn) => /^arn:[^:]+:iam::aws:policy\/(.+)$/.exec(arn)?.[1])
    .filter((name): name is string => name !== undefined);
}

type StatementCheck = (statement: Statement, index: number, label: string) => string | undefined;

/** Runs a per-statement check over every Allow statement of every document of the resource. */
function eachAllow(resource: PlanResource, report: Reporter, check: StatementCheck): void {
  for (const document of identityDocuments(resource)) {
    const statements = readStatements(document.input);
    if (!statements.ok) {
      if (statements.unknown) report.undetermined(`${document.label} is not known yet`);
      else if (document.input !== undefined) {
        report.violation(`${document.label} cannot be read: it ${statements.reason}`);
      }
      continue;
    }
    statements.value.forEach((statement, index) => {
      if (statement.effect !== 'Allow') return;
      const problem = check(statement, index, document.label);
      if (problem)
        report.violation(`${document.label} ${describeStatement(statement, index)} ${problem}`);
    });
  }
}

function isAdminStatement(statement: Statement): boolean {
  return (
    (statement.notAction || statement.actions.includes('*')) && appliesToAllResources(statement)
  );
}

export const IAM_01 = resourcePolicy({
  id: 'IAM-01',
  catalogueSeverity: 'C',
  description:
    'No policy allows every action on every resource (nor attaches AdministratorAccess).',
  remediation: 'list the actions the role needs on the ARNs it needs them on',
  derivedFrom: [
    'HIPAA.Security-IAMPolicyNoStatementsWithAdminAccess',
    'iam-policy-no-statements-with-admin-access',
    'CKV_AWS_62',
    'CKV_AWS_1',
    'IAM.1',
    'CKV_AWS_274',
  ],
  types: POLICY_TYPES,
  validate(resource, report) {
    eachAllow(resource, report, (statement) =>
      isAdminStatement(statement) ? 'allows every action on every resource' : undefined,
    );
    for (const name of managedPolicyNames(resource)) {
      if (name === 'AdministratorAccess') report.violation('attaches AdministratorAccess');
    }
  },
});

const FULL_ACCESS_MANAGED = new Set(['IAMFullAccess', 'PowerUserAccess']);

export const IAM_02 = resourcePolicy({
  id: 'IAM-02',
  catalogueSeverity: 'H',
  description: 'No policy allows all actions of a service (kms:*, secretsmanager:*, *).',
  remediation: 'replace the service wildcard by the individual actions',
  derivedFrom: [
    'HIPAA.Security-IAMPolicyNoStatementsWithFullAccess',
    'iam-policy-no-statements-with-full-access',
    'CKV_AWS_63',
    'CKV_AWS_49',
    'IAM.21',
    'CKV2_AWS_56',
  ],
  types: POLICY_TYPES,
  validate(resource, report) {
    eachAllow(resource, report, (statement) => {
      if (isAdminStatement(statement)) return undefined; // IAM-01's finding.
      if (statement.notAction) return 'uses NotAction (allows everything not listed)';
      const full = statement.actions.filter(isFullAccessAction);
      return full.length > 0 ? `allows ${full.join(', ')}` : undefined;
    });
    for (const name of managedPolicyNames(resource)) {
      if (FULL_ACCESS_MANAGED.has(name)) report.violation(`attaches ${name}`);
    }
  },
});

/**
 * Actions that do not support resource-level permissions, so `Resource: "*"` is the only way
 * to grant them. Each is harmless on its own (tokens, identity, describe, telemetry writes).
 */
export const RESOURCE_WILDCARD_ACTIONS: readonly string[] = [
  'ecr:GetAuthorizationToken',
  'sts:GetCallerIdentity',
  'logs:DescribeLogGroups',
  'ec2:Describe*',
  'cloudwatch:PutMetricData',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
];

function allowListed(action: string): boolean {
  return RESOURCE_WILDCARD_ACTIONS.some((allowed) => actionMatches(allowed, action));
}

export const IAM_03 = resourcePolicy({
  id: 'IAM-03',
  catalogueSeverity: 'H',
  description: 'Resource "*" only for actions that cannot be scoped to a resource.',
  remediation: 'name the resource ARNs (the secret, the key, the log group) in Resource',
  derivedFrom: ['AwsSolutions-IAM5', 'CKV_AWS_355', 'CKV_AWS_356'],
  types: POLICY_TYPES,
  validate(resource, report) {
    eachAllow(resource, report, (statement) => {
      if (!appliesToAllResources(statement) || isAdminStatement(statement)) return undefined;
      if (statement.notAction) return undefined; // IAM-02's finding.
      const scoped = statement.actions.filter((action) => !allowListed(action));
      return scoped.length > 0 ? `grants ${scoped.join(', ')} on Resource "*"` : undefined;
    });
  },
});

const KMS_SENSITIVE = ['kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'];

export const IAM_04 = resourcePolicy({
  id: 'IAM-04',
  catalogueSeverity: 'H',
  description: 'No policy allows kms:Decrypt or kms:ReEncrypt* on every key.',
  remediation: 'grant kms:Decrypt on the key ARN only (with a kms:ViaService condition)',
  derivedFrom: [
    'iam-customer-policy-blocked-kms-actions',
    'iam-inline-policy-blocked-kms-actions',
    'KMS.1',
    'KMS.2',
  ],
  types: POLICY_TYPES,
  validate(resource, report) {
    eachAllow(resource, report, (statement) => {
      if (!appliesToAllResources(statement)) return undefined;
      const hit = KMS_SENSITIVE.filter((action) => grants(statement, action));
      return hit.length > 0 ? `allows ${hit.join(', ')} on every key` : undefined;
    });
  },
});

/** Actions that let a principal widen its own or another's permissions. */
export const ESCALATION_ACTIONS: readonly string[] = [
  'iam:AddUserToGroup',
  'iam:AttachGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:AttachUserPolicy',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:CreatePolicy',
  'iam:CreatePolicyVersion',
  'iam:CreateRole',
  'iam:CreateUser',
  'iam:PutGroupPolicy',
  'iam:PutRolePolicy',
  'iam:PutUserPolicy',
  'iam:SetDefaultPolicyVersion',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateLoginProfile',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteUserPermissionsBoundary',
  'lambda:UpdateFunctionCode',
  'sts:AssumeRole',
  'kms:CreateGrant',
  'kms:PutKeyPolicy',
];

export const IAM_08 = resourcePolicy({
  id: 'IAM-08',
  catalogueSeverity: 'H',
  description: 'No policy grants privilege escalation (IAM writes, PassRole or AssumeRole on *).',
  remediation: 'remove the IAM/STS write actions; workloads never manage permissions',
  derivedFrom: ['CKV_AWS_286', 'CKV_AWS_287', 'CKV_AWS_288', 'CKV_AWS_289', 'CKV_AWS_290'],
  types: POLICY_TYPES,
  validate(resource, report) {
    eachAllow(resource, report, (statement) => {
      if (isAdminStatement(statement)) return undefined;
      const hit = ESCALATION_ACTIONS.filter(
        (action) =>
          grants(statement, action) &&
          // AssumeRole and grants on named ARNs are ordinary delegation; on "*" they escalate.
          (!['sts:AssumeRole', 'kms:CreateGrant'].includes(action) ||
            appliesToAllResources(statement)),
      );
      if (grants(statement, 'iam:PassRole') && appliesToAllResources(statement)) {
        hit.push('iam:PassRole on "*"');
      }
      return hit.length > 0 ? `grants ${hit.join(', ')}` : undefined;
    });
  },
});

/** Trust-policy conditions that bind a service principal to this account or a source. */
const SOURCE_KEYS = ['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceowner'];

export const IAM_07 = resourcePolicy({
  id: 'IAM-07',
  catalogueSeverity: 'H',
  description:
    'Roles trust one service principal, bound by aws:SourceAccount/SourceArn; never everyone.',
  remediation:
    'trust a single service principal with a StringEquals aws:SourceAccount condition ' +
    '(and ArnLike aws:SourceArn where the service sends it)',
  derivedFrom: ['CKV_AWS_60', 'CKV_AWS_61'],
  types: [T.role],
  validate(role, report) {
    const statements = readStatements(at(role.inputs, 'assumeRolePolicy'));
    if (!statements.ok) {
      if (statements.unknown) return report.undetermined('assumeRolePolicy is not known yet');
      return report.violation(`assumeRolePolicy cannot be read: it ${statements.reason}`);
    }
    statements.value.forEach((statement, index) => {
      if (statement.effect !== 'Allow') return;
      const where = `assumeRolePolicy ${describeStatement(statement, index)}`;
      const principal = statement.principal;
      if (!principal) return report.violation(`${where} names no principal`);
      if (principal.everyone) return report.violation(`${where} trusts every principal`);
      if (principal.service.length > 1) {
        report.violation(`${where} trusts ${principal.service.length} services at once`);
      }
      if (principal.service.length > 0) {
        const bound = conditionKeys(statement).some((key) => SOURCE_KEYS.includes(key));
        if (!bound) {
          report.violation(
            `${where} trusts ${principal.service.join(', ')} without aws:SourceAccount or ` +
              'aws:SourceArn (confused deputy)',
          );
        }
      }
    });
  },
});

export const IAM_05 = resourcePolicy({
  id: 'IAM-05',
  catalogueSeverity: 'M',
  description: 'No inline role policies; customer-managed policies attached to roles instead.',
  remediation: 'use aws.iam.Policy + aws.iam.RolePolicyAttachment',
  derivedFrom: ['HIPAA.Security-IAMNoInlinePolicy', 'iam-no-inline-policy-check'],
  types: [T.rolePolicy, T.role],
  validate(resource, report) {
    if (resource.type === T.rolePolicy) return report.violation('is an inline role policy');
    const inline = list(at(resource.inputs, 'inlinePolicies'));
    if (!isUnknown(inline) && inline.length > 0) {
      report.violation(`declares ${inline.length} inline policies (inlinePolicies)`);
    }
  },
});

/** AWS-managed policies the platform needs and accepts (see the README). */
export const ALLOWED_MANAGED_POLICIES: readonly string[] = [
  'service-role/AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity',
  'service-role/AmazonRDSEnhancedMonitoringRole',
];

export const IAM_06 = resourcePolicy({
  id: 'IAM-06',
  catalogueSeverity: 'M',
  description: 'AWS-managed policies only from a short allow-list.',
  remediation: 'write a customer-managed policy scoped to the resources, or extend the allow-list',
  derivedFrom: ['AwsSolutions-IAM4', 'CKV2_AWS_40'],
  types: [T.rolePolicyAttachment, T.role],
  validate(resource, report) {
    for (const name of managedPolicyNames(resource)) {
      if (!ALLOWED_MANAGED_POLICIES.includes(name)) {
        report.violation(`attaches the AWS-managed policy ${name}`);
      }
    }
  },
});

export const IAM_POLICIES: readonly ResourcePolicy[] = [
  IAM_01,
  IAM_02,
  IAM_03,
  IAM_04,
  IAM_05,
  IAM_06,
  IAM_07,
  IAM_08,
];
