/**
 * Section 2 items 1, 2, 5 and 8 of the catalogue: every encrypted resource names a declared key
 * whose policy lets the service use it (CloudWatch Logs through its regional principal and the
 * log-group encryption context; RDS, ElastiCache and Secrets Manager through kms:ViaService),
 * and every log group a service would create implicitly is declared first.
 */
import { arnLike, formatArn } from '@phi-platform/core';
import { Deployment, stackPolicy, StackPolicy } from '../definitions';
import { ResourceGraph } from '../graph';
import { conditionValues, grants, Statement } from '../policy-statements';
import { T } from '../resource-types';
import { PlanResource } from '../types';
import { asString, at, isDict, isUnknown, list, strings } from '../values';
import { keyStatements } from './keys';
import { containersOf } from './ecs';

const LOGS_CONTEXT_KEY = 'kms:EncryptionContext:aws:logs:arn';
const LOGS_ACTIONS = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncryptFrom',
  'kms:GenerateDataKey',
  'kms:DescribeKey',
];

/** The name a log group has or will have (input `name`, or the recorded name). */
export function logGroupName(group: PlanResource): string | undefined {
  const name = asString(at(group.inputs, 'name')) ?? asString(at(group.state, 'name'));
  return typeof name === 'string' ? name : undefined;
}

function logsPrincipalOk(service: string, deployment: Deployment): boolean {
  const expected = deployment.serviceHost('logs');
  return expected ? service === expected : /^logs\.[a-z0-9-]+\./.test(service);
}

function admitsLogGroup(statement: Statement, arn: string, deployment: Deployment): boolean {
  if (statement.effect !== 'Allow') return false;
  if (!(statement.principal?.service ?? []).some((s) => logsPrincipalOk(s, deployment)))
    return false;
  if (!LOGS_ACTIONS.every((action) => grants(statement, action))) return false;
  return conditionValues(statement, LOGS_CONTEXT_KEY).some((pattern) => arnLike(pattern, arn));
}

export const XR_01 = stackPolicy({
  id: 'XR-01',
  catalogueSeverity: 'H',
  description:
    'Each log group is encrypted with a declared key whose policy admits the regional logs ' +
    'principal for that log group.',
  remediation:
    'encrypt with EncryptionKey.keyArn (its policy admits logs.<region>.<dnsSuffix> for ' +
    'log-group ARNs of this account and region)',
  derivedFrom: ['catalogue section 2 items 1-2', 'HIPAA.Security-CloudWatchLogGroupEncrypted'],
  validate(graph, report, deployment) {
    for (const group of graph.ofType(T.logGroup)) {
      const urn = group.urn;
      const target = graph.resolve(group, 'kmsKeyId', at(group.inputs, 'kmsKeyId'), [T.kmsKey]);
      if (target.kind === 'unset') continue; // LOG-01's finding.
      if (target.kind === 'external') {
        report.undetermined(`kmsKeyId names a key not declared here (${target.value})`, { urn });
        continue;
      }
      if (target.kind === 'unresolved') {
        report.undetermined(target.reason, { urn });
        continue;
      }
      const key = target.resource;
      const policy = keyStatements(graph, key);
      if (!policy.ok) {
        report.violation(`${policy.reason} (key ${key.name})`, { urn });
        continue;
      }
      for (const policyUrn of policy.policyUrns) {
        if (!group.dependsOn.includes(policyUrn)) {
          report.violation(`the log group does not wait for the key policy ${policyUrn}`, {
            urn,
            hint: 'add dependsOn: [keyPolicy] so the association is not refused',
          });
        }
      }
      const name = logGroupName(group);
      const { region, accountId, partition } = deployment;
      if (!name || !region || !accountId || !partition) {
        report.undetermined('log group name, region, account or partition not known', { urn });
        continue;
      }
      const arn = formatArn({
        partition,
        service: 'logs',
        region,
        accountId,
        resource: `log-group:${name}`,
      });
      if (!policy.statements.some((s) => admitsLogGroup(s, arn, deployment))) {
        report.violation(
          `key ${key.name} does not admit ${deployment.serviceHost('logs') ?? 'the logs principal'} ` +
            `for ${arn}`,
          { urn },
        );
      }
    }
  },
});

interface ViaServiceUse {
  readonly type: string;
  readonly prop: string;
  readonly service: string;
  /** Only when this input is true (e.g. managed master password). */
  readonly when?: string;
}

const VIA_SERVICE_USES: readonly ViaServiceUse[] = [
  { type: T.rdsCluster, prop: 'kmsKeyId', service: 'rds' },
  {
    type: T.rdsCluster,
    prop: 'masterUserSecretKmsKeyId',
    service: 'secretsmanager',
    when: 'manageMasterUserPassword',
  },
  { type: T.rdsClusterInstance, prop: 'performanceInsightsKmsKeyId', service: 'rds' },
  { type: T.replicationGroup, prop: 'kmsKeyId', service: 'elasticache' },
  { type: T.secret, prop: 'kmsKeyId', service: 'secretsmanager' },
];

function admitsVia(
  statements: readonly Statement[],
  host: string | undefined,
  service: string,
): boolean {
  return statements.some(
    (s) =>
      s.effect === 'Allow' &&
      grants(s, 'kms:Decrypt') &&
      grants(s, 'kms:GenerateDataKey') &&
      conditionValues(s, 'kms:ViaService').some((value) =>
        host ? value === host : value.startsWith(`${service}.`),
      ),
  );
}

export const XR_05 = stackPolicy({
  id: 'XR-05',
  catalogueSeverity: 'H',
  description:
    'Aurora, ElastiCache and Secrets Manager use a declared key whose policy admits them ' +
    'through kms:ViaService for this region.',
  remediation: 'pass EncryptionKey.keyArn; its policy has the UseThrough<Service> statements',
  derivedFrom: ['catalogue section 2 items 5 and 8'],
  validate(graph, report, deployment) {
    for (const use of VIA_SERVICE_USES) {
      for (const resource of graph.ofType(use.type)) {
        if (use.when && at(resource.inputs, use.when) !== true) continue;
        const urn = resource.urn;
        const target = graph.resolve(resource, use.prop, at(resource.inputs, use.prop), [T.kmsKey]);
        if (target.kind === 'unset') continue; // the per-resource policies report it.
        if (target.kind !== 'found') {
          const why = target.kind === 'external' ? `names an undeclared key` : target.reason;
          report.undetermined(`${use.prop} ${why}`, { urn });
          continue;
        }
        const policy = keyStatements(graph, target.resource);
        if (!policy.ok) {
          report.violation(`${use.prop}: ${policy.reason}`, { urn });
          continue;
        }
        const host = deployment.serviceHost(use.service);
        if (!admitsVia(policy.statements, host, use.service)) {
          report.violation(
            `key ${target.resource.name} (${use.prop}) does not admit ${host ?? use.service} ` +
              'through kms:ViaService',
            { urn },
          );
        }
      }
    }
  },
});

/** Log groups services would create implicitly, as (producer, expected name) pairs. */
function implicitLogGroups(
  graph: ResourceGraph,
): { producer: PlanResource; name: string | undefined; what: string }[] {
  const wanted: { producer: PlanResource; name: string | undefined; what: string }[] = [];
  for (const cluster of graph.ofType(T.rdsCluster)) {
    const exports = strings(at(cluster.inputs, 'enabledCloudwatchLogsExports'));
    const id = asString(at(cluster.inputs, 'clusterIdentifier')) ?? cluster.id;
    for (const log of isUnknown(exports) ? [] : exports) {
      wanted.push({
        producer: cluster,
        name: typeof id === 'string' ? `/aws/rds/cluster/${id}/${log}` : undefined,
        what: `the ${log} log export`,
      });
    }
  }
  for (const task of graph.ofType(T.taskDefinition)) {
    for (const container of containersOf(task) ?? []) {
      const config = isDict(container.logConfiguration) ? container.logConfiguration : {};
      const options = isDict(config.options) ? config.options : {};
      const group = options['awslogs-group'];
      if (config.logDriver === 'awslogs' && typeof group === 'string') {
        wanted.push({
          producer: task,
          name: group,
          what: `container ${String(container.name)} logs`,
        });
      }
    }
  }
  for (const service of graph.ofType(T.ecsService)) {
    const options = at(service.inputs, 'serviceConnectConfiguration.logConfiguration.options');
    const group = isDict(options) ? options['awslogs-group'] : undefined;
    if (typeof group === 'string') {
      wanted.push({ producer: service, name: group, what: 'the Service Connect proxy logs' });
    }
  }
  for (const cluster of graph.ofType(T.ecsCluster)) {
    const settings = list(at(cluster.inputs, 'settings'));
    const insights =
      !isUnknown(settings) &&
      settings.filter(isDict).some((s) => s.name === 'containerInsights' && s.value !== 'disabled');
    const name = asString(at(cluster.inputs, 'name')) ?? asString(at(cluster.state, 'name'));
    if (insights) {
      wanted.push({
        producer: cluster,
        name:
          typeof name === 'string' ? `/aws/ecs/containerinsights/${name}/performance` : undefined,
        what: 'Container Insights',
      });
    }
  }
  return wanted;
}

export const LOG_04 = stackPolicy({
  id: 'LOG-04',
  catalogueSeverity: 'H',
  description:
    'Every log group a service would create implicitly (RDS exports, awslogs, Container ' +
    'Insights, Service Connect, flow logs) is declared, so LOG-01..03 apply to it.',
  remediation: 'declare the aws.cloudwatch.LogGroup with that exact name before the producer',
  derivedFrom: ['catalogue LOG-04', 'AwsSolutions-ECS7', 'RDS.37'],
  validate(graph, report) {
    const declared = new Set(graph.ofType(T.logGroup).map(logGroupName).filter(Boolean));
    for (const { producer, name, what } of implicitLogGroups(graph)) {
      if (name === undefined) {
        report.undetermined(`the log group name for ${what} is not known`, { urn: producer.urn });
      } else if (!declared.has(name)) {
        report.violation(`${what} would go to undeclared log group ${name}`, { urn: producer.urn });
      }
    }
    for (const flowLog of graph.ofType(T.flowLog)) {
      const kind = at(flowLog.inputs, 'logDestinationType') ?? 'cloud-watch-logs';
      if (kind !== 'cloud-watch-logs') continue;
      const destination = at(flowLog.inputs, 'logDestination');
      const target = graph.resolve(flowLog, 'logDestination', destination, [T.logGroup]);
      if (target.kind === 'external' || target.kind === 'unset') {
        report.violation('the flow log writes to a log group not declared here', {
          urn: flowLog.urn,
        });
      } else if (target.kind === 'unresolved') {
        report.undetermined(target.reason, { urn: flowLog.urn });
      }
    }
  },
});

export const CROSS_KEY_POLICIES: readonly StackPolicy[] = [XR_01, XR_05, LOG_04];
