/**
 * Section 2 items 3 and 12: the task execution role may read only its own secrets, decrypt only
 * with the key through Secrets Manager, write only its own log groups and pull only its images;
 * Service Connect TLS uses one Private CA, a declared key and an ECS infrastructure role.
 */
import { Deployment, Reporter, stackPolicy, StackPolicy } from '../definitions';
import { ResourceGraph } from '../graph';
import {
  actionMatches,
  appliesToAllResources,
  conditionValues,
  readStatements,
  Statement,
} from '../policy-statements';
import { T } from '../resource-types';
import { PlanResource } from '../types';
import { at, isDict, isUnknown, list } from '../values';
import { containersOf } from './ecs';
import { managedPolicyNames } from './iam';
import { keyAdmissionProblem, keyStatements, roleAccountOf } from './keys';

/** Identity-policy statements attached to a role, and what could not be read. */
export function roleStatements(
  graph: ResourceGraph,
  role: PlanResource,
): { statements: Statement[]; managed: string[]; problems: string[] } {
  const statements: Statement[] = [];
  const problems: string[] = [];
  const read = (input: unknown, label: string): void => {
    const parsed = readStatements(input);
    if (parsed.ok) statements.push(...parsed.value);
    else problems.push(`${label} ${parsed.reason}`);
  };
  const inline = list(at(role.inputs, 'inlinePolicies'));
  if (isUnknown(inline)) problems.push('inlinePolicies not known yet');
  else inline.filter(isDict).forEach((p, i) => read(p.policy, `inlinePolicies[${i}]`));
  const managed = managedPolicyNames(role);
  const ofRole = (r: PlanResource): boolean => {
    const target = graph.resolve(r, 'role', at(r.inputs, 'role'), [T.role]);
    return target.kind === 'found' && target.resource.urn === role.urn;
  };
  for (const inlinePolicy of graph.ofType(T.rolePolicy).filter(ofRole)) {
    read(at(inlinePolicy.inputs, 'policy'), `role policy ${inlinePolicy.name}`);
  }
  for (const attachment of graph.ofType(T.rolePolicyAttachment).filter(ofRole)) {
    managed.push(...managedPolicyNames(attachment));
    const arn = at(attachment.inputs, 'policyArn');
    if (typeof arn === 'string' && /:iam::aws:policy\//.test(arn)) continue;
    const policy = graph.resolve(attachment, 'policyArn', arn, [T.iamPolicy]);
    if (policy.kind === 'found')
      read(at(policy.resource.inputs, 'policy'), `policy ${policy.resource.name}`);
    else problems.push(`attachment ${attachment.name} names a policy not declared here`);
  }
  return { statements, managed, problems };
}

/** `arn:...:secret:name-AbCdEf[:json-key:version-stage:version-id]` → the secret ARN. */
export function secretArnOf(valueFrom: string): string {
  return valueFrom.split(':').slice(0, 7).join(':');
}

/** Service Connect proxy log groups of the services that run this task definition. */
function serviceConnectLogGroups(graph: ResourceGraph, task: PlanResource): string[] {
  return graph
    .ofType(T.ecsService)
    .filter((service) => {
      const used = graph.resolve(service, 'taskDefinition', at(service.inputs, 'taskDefinition'), [
        T.taskDefinition,
      ]);
      return used.kind === 'found' && used.resource.urn === task.urn;
    })
    .map((service) => at(service.inputs, 'serviceConnectConfiguration.logConfiguration.options'))
    .map((options) => (isDict(options) ? options['awslogs-group'] : undefined))
    .filter((group): group is string => typeof group === 'string');
}

const LOG_WRITE = ['logs:CreateLogStream', 'logs:PutLogEvents'];
const ECR_PULL = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:BatchGetImage',
  'ecr:GetDownloadUrlForLayer',
];

function logGroupOf(arn: string): string | undefined {
  return /:log-group:(.+?)(?::\*|:log-stream:.*)?$/.exec(arn)?.[1];
}

function checkExecutionStatement(
  statement: Statement,
  allowed: { secrets: Set<string>; logGroups: Set<string> },
  deployment: Deployment,
): string[] {
  const problems: string[] = [];
  if (statement.notAction || statement.notResource) return ['uses NotAction/NotResource'];
  for (const action of statement.actions) {
    if (actionMatches(action, 'secretsmanager:GetSecretValue') && action.includes(':')) {
      const outside = statement.resources.filter((r) => !allowed.secrets.has(r));
      if (outside.length > 0)
        problems.push(`reads secrets the task does not use: ${outside.join(', ')}`);
    } else if (action.toLowerCase() === 'kms:decrypt') {
      if (appliesToAllResources(statement)) problems.push('decrypts with every key');
      const via = conditionValues(statement, 'kms:ViaService');
      const host = deployment.serviceHost('secretsmanager');
      const ok =
        via.length > 0 && via.every((v) => (host ? v === host : v.startsWith('secretsmanager.')));
      if (!ok) problems.push('decrypts without kms:ViaService = Secrets Manager of this region');
    } else if (LOG_WRITE.some((a) => a.toLowerCase() === action.toLowerCase())) {
      const outside = statement.resources.filter((r) => {
        const group = logGroupOf(r);
        return group === undefined || !allowed.logGroups.has(group);
      });
      if (outside.length > 0)
        problems.push(`writes logs outside its log groups: ${outside.join(', ')}`);
    } else if (action.toLowerCase() === 'ecr:getauthorizationtoken') {
      // Cannot be scoped to a resource: the one accepted wildcard.
    } else if (ECR_PULL.some((a) => a.toLowerCase() === action.toLowerCase())) {
      if (appliesToAllResources(statement)) problems.push(`${action} on every repository`);
    } else {
      problems.push(`grants ${action}, which an execution role does not need`);
    }
  }
  return problems;
}

/** KMS actions ECS uses with the Service Connect TLS key (see compute ADR 0003). */
export const SERVICE_CONNECT_TLS_KEY_ACTIONS: readonly string[] = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyPair',
];

/**
 * Reports unless the key lets the role do `actions`: named in the key policy, or delegated to
 * the root of the role's own account and granted by the role's IAM policies on that key ARN.
 * An account-root statement alone proves nothing (it only delegates to IAM).
 */
function checkKeyAdmitsRole(
  graph: ResourceGraph,
  key: PlanResource,
  keyArn: string,
  role: PlanResource,
  actions: readonly string[],
  context: { report: Reporter; urn: string; deployment: Deployment },
): void {
  const { report, urn } = context;
  const policy = keyStatements(graph, key);
  if (!policy.ok) return; // KMS-03 reports keys without policy.
  const roleIds = graph.identifiers(role);
  const attached = roleStatements(graph, role);
  const keyArns = [keyArn, ...graph.identifiers(key)].filter((id) => id.startsWith('arn:'));
  const problem = keyAdmissionProblem({
    keyStatements: policy.statements,
    keyArns: [...new Set(keyArns)],
    roleIdentifiers: roleIds,
    roleAccount: roleAccountOf(roleIds) ?? context.deployment.accountId,
    roleStatements: attached.statements,
    actions,
  });
  if (problem === undefined) return;
  const what = `key ${key.name} does not admit role ${role.name} for ${actions.join(', ')}`;
  if (attached.problems.length > 0) {
    report.undetermined(`${what}? ${problem}; ${attached.problems.join('; ')}`, { urn });
  } else {
    report.violation(`${what}: ${problem}`, { urn });
  }
}

export const XR_03 = stackPolicy({
  id: 'XR-03',
  catalogueSeverity: 'H',
  description:
    "A task's execution role reads only that task's secrets, decrypts only via Secrets " +
    'Manager, writes only its log groups, pulls only named repositories.',
  remediation: 'build the execution policy with executionRolePolicy() from the task definition',
  derivedFrom: ['catalogue section 2 item 3', 'IAM-03', 'IAM-04', 'TD-07', 'TD-08'],
  validate(graph, report, deployment) {
    for (const task of graph.ofType(T.taskDefinition)) {
      const urn = task.urn;
      const containers = containersOf(task);
      if (!containers) {
        report.undetermined('containerDefinitions are not known yet', { urn });
        continue;
      }
      const target = graph.resolve(task, 'executionRoleArn', at(task.inputs, 'executionRoleArn'), [
        T.role,
      ]);
      if (target.kind === 'unset') continue; // TD-08's finding.
      if (target.kind !== 'found') {
        report.undetermined('the execution role is not declared here or cannot be resolved', {
          urn,
        });
        continue;
      }
      const secrets = new Set<string>();
      const logGroups = new Set<string>();
      for (const container of containers) {
        for (const entry of (Array.isArray(container.secrets) ? container.secrets : []).filter(
          isDict,
        )) {
          if (typeof entry.valueFrom === 'string') secrets.add(secretArnOf(entry.valueFrom));
        }
        const options = isDict(container.logConfiguration)
          ? container.logConfiguration.options
          : undefined;
        if (isDict(options) && typeof options['awslogs-group'] === 'string') {
          logGroups.add(options['awslogs-group']);
        }
      }
      for (const group of serviceConnectLogGroups(graph, task)) logGroups.add(group);
      const role = target.resource;
      const attached = roleStatements(graph, role);
      for (const problem of attached.problems)
        report.undetermined(`execution role: ${problem}`, { urn });
      for (const name of attached.managed) {
        report.violation(`the execution role attaches AWS-managed ${name} (Resource "*")`, { urn });
      }
      const keyArns: string[] = [];
      for (const statement of attached.statements.filter((s) => s.effect === 'Allow')) {
        for (const problem of checkExecutionStatement(
          statement,
          { secrets, logGroups },
          deployment,
        )) {
          report.violation(`execution role ${role.name} ${problem}`, { urn });
        }
        if (statement.actions.some((a) => a.toLowerCase() === 'kms:decrypt')) {
          keyArns.push(...statement.resources.filter((r) => r !== '*'));
        }
      }
      for (const keyArn of new Set(keyArns)) {
        const key = graph.findByIdentifier(keyArn, [T.kmsKey]);
        if (!key) continue; // XR-05 and KMS checks report undeclared keys.
        checkKeyAdmitsRole(graph, key, keyArn, role, ['kms:Decrypt'], { report, urn, deployment });
      }
    }
  },
});

const TLS_MANAGED_POLICY =
  'service-role/AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity';

export const XR_12 = stackPolicy({
  id: 'XR-12',
  catalogueSeverity: 'H',
  description:
    'Service Connect TLS uses one Private CA, a declared key and a role trusted by ECS that ' +
    'carries the Service Connect TLS managed policy and that the key admits for its actions.',
  remediation:
    'give every TlsService the same certificateAuthorityArn and kmsKeyArn; use the ' +
    'ServiceCluster infrastructure role',
  derivedFrom: ['catalogue section 2 item 12', 'section 3 item 17'],
  validate(graph, report, deployment) {
    const authorities = new Set<string>();
    for (const service of graph.ofType(T.ecsService)) {
      const urn = service.urn;
      const entries = list(at(service.inputs, 'serviceConnectConfiguration.services'));
      if (isUnknown(entries)) continue;
      for (const entry of entries.filter(isDict)) {
        const tls = entry.tls;
        if (!isDict(tls)) continue; // SVC-03's finding.
        const pca = isDict(tls.issuerCertAuthority)
          ? tls.issuerCertAuthority.awsPcaAuthorityArn
          : undefined;
        if (typeof pca === 'string') authorities.add(pca);
        const key = graph.resolve(service, 'serviceConnectConfiguration', tls.kmsKey, [T.kmsKey]);
        if (key.kind === 'external')
          report.violation('tls.kmsKey is not a key declared here', { urn });
        const role = graph.resolve(service, 'serviceConnectConfiguration', tls.roleArn, [T.role]);
        if (role.kind !== 'found') {
          report.undetermined('tls.roleArn cannot be resolved to a declared role', { urn });
          continue;
        }
        const trust = readStatements(at(role.resource.inputs, 'assumeRolePolicy'));
        const ecsTrusted =
          trust.ok &&
          trust.value.some(
            (s) =>
              s.effect === 'Allow' && (s.principal?.service ?? []).includes('ecs.amazonaws.com'),
          );
        if (!ecsTrusted) {
          report.violation(`TLS role ${role.resource.name} is not trusted by ecs.amazonaws.com`, {
            urn,
          });
        }
        if (!roleStatements(graph, role.resource).managed.includes(TLS_MANAGED_POLICY)) {
          report.violation(`TLS role ${role.resource.name} lacks ${TLS_MANAGED_POLICY}`, { urn });
        }
        if (key.kind === 'found' && typeof tls.kmsKey === 'string') {
          checkKeyAdmitsRole(
            graph,
            key.resource,
            tls.kmsKey,
            role.resource,
            SERVICE_CONNECT_TLS_KEY_ACTIONS,
            { report, urn, deployment },
          );
        } else if (key.kind === 'unresolved') {
          report.undetermined(`tls.kmsKey: ${key.reason}`, { urn });
        }
      }
    }
    if (authorities.size > 1) {
      report.violation(`Service Connect TLS uses ${authorities.size} different Private CAs`);
    }
  },
});

export const CROSS_ROLE_POLICIES: readonly StackPolicy[] = [XR_03, XR_12];
