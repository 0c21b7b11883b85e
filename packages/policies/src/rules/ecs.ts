/** ECS on Fargate: hardened containers, private tasks, Service Connect with TLS. */
import { Reporter, resourcePolicy, ResourcePolicy } from '../definitions';
import { T } from '../resource-types';
import { PlanResource } from '../types';
import { at, Dict, isDict, isUnknown, list, parseJsonInput, show, strings } from '../values';
import { bool, str } from './common';

/** The container definitions of a task definition, or undefined after reporting why not. */
export function containersOf(task: PlanResource, report?: Reporter): Dict[] | undefined {
  const parsed = parseJsonInput(at(task.inputs, 'containerDefinitions'));
  if (!parsed.ok) {
    if (parsed.unknown) report?.undetermined('containerDefinitions are not known yet');
    else report?.violation(`containerDefinitions ${parsed.reason}`);
    return undefined;
  }
  const value = parsed.value;
  return (Array.isArray(value) ? (value as unknown[]) : [value]).filter(isDict);
}

function containerName(container: Dict, index: number): string {
  return typeof container.name === 'string'
    ? `container "${container.name}"`
    : `container #${index + 1}`;
}

/** Per-container check over a task definition's containers. */
function eachContainer(
  task: PlanResource,
  report: Reporter,
  check: (container: Dict, name: string) => string | undefined,
): void {
  containersOf(task, report)?.forEach((container, index) => {
    const name = containerName(container, index);
    const problem = check(container, name);
    if (problem) report.violation(`${name} ${problem}`);
  });
}

export const TD_01 = resourcePolicy({
  id: 'TD-01',
  catalogueSeverity: 'H',
  description: 'Task definitions run on Fargate in awsvpc mode (never host networking).',
  remediation: "set networkMode: 'awsvpc' and requiresCompatibilities: ['FARGATE']",
  derivedFrom: [
    'HIPAA.Security-ECSTaskDefinitionUserForHostMode',
    'ecs-task-definition-user-for-host-mode-check',
    'ECS.1',
  ],
  types: [T.taskDefinition],
  validate(task, report) {
    const mode = str(task, 'networkMode');
    if (isUnknown(mode)) report.undetermined('networkMode is not known yet');
    else if (mode !== 'awsvpc') report.violation(`networkMode is ${show(mode)}`);
    const compat = strings(at(task.inputs, 'requiresCompatibilities'));
    if (isUnknown(compat)) report.undetermined('requiresCompatibilities is not known yet');
    else if (compat.length !== 1 || compat[0] !== 'FARGATE') {
      report.violation(`requiresCompatibilities is ${show(compat)}`);
    }
  },
});

export const TD_02 = resourcePolicy({
  id: 'TD-02',
  catalogueSeverity: 'H',
  description: 'Every container has a read-only root filesystem.',
  remediation: 'set readonlyRootFilesystem: true; mount volumes for writable paths',
  derivedFrom: ['ecs-containers-readonly-access', 'CKV_AWS_336', 'ECS.5'],
  types: [T.taskDefinition],
  validate(task, report) {
    eachContainer(task, report, (c) =>
      c.readonlyRootFilesystem === true ? undefined : 'has a writable root filesystem',
    );
  },
});

export const TD_03 = resourcePolicy({
  id: 'TD-03',
  catalogueSeverity: 'H',
  description: 'No container is privileged.',
  remediation: 'remove privileged: true',
  derivedFrom: ['ecs-containers-nonprivileged', 'CKV_AWS_334 (buggy, see README)', 'ECS.4'],
  types: [T.taskDefinition],
  validate(task, report) {
    eachContainer(task, report, (c) => (c.privileged === true ? 'is privileged' : undefined));
  },
});

function isRootUser(user: unknown): boolean {
  if (typeof user !== 'string' || user.trim() === '') return true;
  const [uid] = user.split(':');
  return uid === 'root' || uid === '0';
}

export const TD_04 = resourcePolicy({
  id: 'TD-04',
  catalogueSeverity: 'H',
  description: 'Every container runs as a non-root user.',
  remediation: "set user to a non-root uid[:gid], e.g. '1000:1000'",
  derivedFrom: ['ecs-task-definition-nonroot-user'],
  types: [T.taskDefinition],
  validate(task, report) {
    eachContainer(task, report, (c) =>
      isRootUser(c.user) ? `runs as root (user ${show(c.user)})` : undefined,
    );
  },
});

export const TD_05 = resourcePolicy({
  id: 'TD-05',
  catalogueSeverity: 'H',
  description: "Tasks do not share the host's process or IPC namespace.",
  remediation: 'remove pidMode/ipcMode host',
  derivedFrom: ['ecs-task-definition-pid-mode-check', 'CKV_AWS_335', 'ECS.3'],
  types: [T.taskDefinition],
  validate(task, report) {
    for (const prop of ['pidMode', 'ipcMode']) {
      if (str(task, prop) === 'host') report.violation(`${prop} is host`);
    }
  },
});

export const TD_06 = resourcePolicy({
  id: 'TD-06',
  catalogueSeverity: 'H',
  description: 'Every container logs through awslogs/awsfirelens to a named group in the region.',
  remediation:
    "set logConfiguration { logDriver: 'awslogs', options: { awslogs-group, awslogs-region, " +
    'awslogs-stream-prefix } } pointing at a pre-created encrypted log group',
  derivedFrom: ['AwsSolutions-ECS7', 'ecs-task-definition-log-configuration', 'ECS.9'],
  types: [T.taskDefinition],
  validate(task, report, deployment) {
    eachContainer(task, report, (c) => {
      const config = isDict(c.logConfiguration) ? c.logConfiguration : undefined;
      const driver = config?.logDriver;
      if (driver === 'awsfirelens') return undefined;
      if (driver !== 'awslogs') return `has no awslogs/awsfirelens log driver (${show(driver)})`;
      const options = isDict(config?.options) ? config.options : {};
      if (typeof options['awslogs-group'] !== 'string') return 'names no awslogs-group';
      const region = options['awslogs-region'];
      if (typeof region !== 'string') return 'names no awslogs-region';
      if (deployment.region && region !== deployment.region) {
        return `logs to region ${region}, not the deploying region ${deployment.region}`;
      }
      return undefined;
    });
  },
});

/** Environment variable names that suggest a credential. */
const SECRET_NAME = /(passw(or)?d|secret|token|api[_-]?key|private[_-]?key|credential)/i;
/** `scheme://user:password@host`: a credential embedded in a connection URL. */
const URL_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;

export const TD_07 = resourcePolicy({
  id: 'TD-07',
  catalogueSeverity: 'H',
  description:
    'No secret in environment variables (by name, or a URL with user:password@); secrets come ' +
    'from Secrets Manager ARNs only (no SSM parameters).',
  remediation: 'move the value to Secrets Manager and reference it in secrets[].valueFrom',
  derivedFrom: ['AwsSolutions-ECS2', 'ecs-no-environment-secrets', 'ECS.8'],
  types: [T.taskDefinition],
  validate(task, report) {
    containersOf(task, report)?.forEach((container, index) => {
      const name = containerName(container, index);
      for (const entry of (Array.isArray(container.environment)
        ? container.environment
        : []
      ).filter(isDict)) {
        if (typeof entry.name === 'string' && SECRET_NAME.test(entry.name)) {
          report.violation(`${name} passes ${entry.name} in environment`);
        } else if (typeof entry.value === 'string' && URL_CREDENTIALS.test(entry.value)) {
          report.violation(
            `${name} passes ${show(entry.name)} in environment: its value is a URL with ` +
              'user:password@ credentials',
          );
        }
      }
      for (const entry of (Array.isArray(container.secrets) ? container.secrets : []).filter(
        isDict,
      )) {
        const from = entry.valueFrom;
        const service =
          typeof from === 'string' ? /^arn:[^:]+:([^:]+):/.exec(from)?.[1] : undefined;
        if (service !== 'secretsmanager') {
          report.violation(
            `${name} secret ${show(entry.name)} comes from ` +
              `${service ? `service ${service}` : `${show(from)} (not an ARN)`}, ` +
              'not a Secrets Manager ARN',
          );
        }
      }
    });
  },
});

export const TD_08 = resourcePolicy({
  id: 'TD-08',
  catalogueSeverity: 'H',
  description: 'Execution role and task role are both set and different.',
  remediation: 'give the task its own taskRoleArn, separate from executionRoleArn',
  derivedFrom: ['CKV_AWS_249'],
  types: [T.taskDefinition],
  validate(task, report) {
    const execution = at(task.inputs, 'executionRoleArn');
    const role = at(task.inputs, 'taskRoleArn');
    if (execution === undefined) report.violation('executionRoleArn is not set');
    if (role === undefined) report.violation('taskRoleArn is not set');
    if (execution === undefined || role === undefined) return;
    if (isUnknown(execution) || isUnknown(role)) {
      return report.undetermined('role ARNs are not known yet');
    }
    if (execution === role) report.violation('taskRoleArn equals executionRoleArn');
  },
});

export const TD_11 = resourcePolicy({
  id: 'TD-11',
  catalogueSeverity: 'H',
  description: 'EFS volumes use TLS and IAM authorisation.',
  remediation: "set transitEncryption: 'ENABLED' and authorizationConfig.iam: 'ENABLED'",
  derivedFrom: ['CKV_AWS_97'],
  types: [T.taskDefinition],
  validate(task, report) {
    const volumes = list(at(task.inputs, 'volumes'));
    if (isUnknown(volumes)) return report.undetermined('volumes are not known yet');
    volumes.filter(isDict).forEach((volume) => {
      const efs = volume.efsVolumeConfiguration;
      if (!isDict(efs)) return;
      const label = `volume ${show(volume.name)}`;
      if (efs.transitEncryption !== 'ENABLED') report.violation(`${label} has no EFS TLS`);
      const auth = isDict(efs.authorizationConfig) ? efs.authorizationConfig.iam : undefined;
      if (auth !== 'ENABLED') report.violation(`${label} has no EFS IAM authorisation`);
    });
  },
});

export const TD_12 = resourcePolicy({
  id: 'TD-12',
  catalogueSeverity: 'H',
  description: 'Containers listen on 443 only, with named port mappings for Service Connect.',
  remediation: "map containerPort 443 with a name (e.g. 'https'); serve TLS in the container",
  derivedFrom: ['catalogue TD-12 (beyond the rule sets)'],
  types: [T.taskDefinition],
  validate(task, report) {
    containersOf(task, report)?.forEach((container, index) => {
      const name = containerName(container, index);
      const mappings = Array.isArray(container.portMappings) ? container.portMappings : [];
      for (const mapping of mappings.filter(isDict)) {
        if (mapping.containerPort !== 443) {
          report.violation(`${name} listens on ${show(mapping.containerPort)}, not 443`);
        } else if (typeof mapping.name !== 'string' || mapping.name === '') {
          report.violation(`${name} maps port 443 without a name`);
        }
      }
    });
  },
});

export const SVC_01 = resourcePolicy({
  id: 'SVC-01',
  catalogueSeverity: 'C',
  description: 'Services run tasks without public IPs, in named subnets and security groups.',
  remediation:
    'set networkConfiguration { assignPublicIp: false, subnets: private subnet ids, ' +
    'securityGroups: [task group] }',
  derivedFrom: ['CKV_AWS_333', 'ECS.2'],
  types: [T.ecsService],
  validate(service, report) {
    const config = at(service.inputs, 'networkConfiguration');
    if (isUnknown(config)) return report.undetermined('networkConfiguration is not known yet');
    if (!isDict(config)) return report.violation('networkConfiguration is not set');
    const publicIp = bool(service, 'networkConfiguration.assignPublicIp');
    if (isUnknown(publicIp)) report.undetermined('assignPublicIp is not known yet');
    else if (publicIp === true) report.violation('assignPublicIp is true');
    for (const prop of ['subnets', 'securityGroups']) {
      const values = list(config[prop]);
      if (!isUnknown(values) && values.length === 0) report.violation(`${prop} is empty`);
    }
  },
});

export const SVC_03 = resourcePolicy({
  id: 'SVC-03',
  catalogueSeverity: 'H',
  description:
    'Service Connect is on and every published port uses TLS from the Private CA with the key.',
  remediation:
    'set serviceConnectConfiguration { enabled: true, services: [{ ..., tls: { ' +
    'issuerCertAuthority: { awsPcaAuthorityArn }, kmsKey: keyArn, roleArn } }] }',
  derivedFrom: ['catalogue SVC-03 (beyond the rule sets)', 'section 3 item 17'],
  types: [T.ecsService],
  validate(service, report) {
    const config = at(service.inputs, 'serviceConnectConfiguration');
    if (isUnknown(config)) return report.undetermined('serviceConnectConfiguration is unknown');
    if (!isDict(config) || config.enabled !== true) {
      return report.violation('Service Connect is not enabled: east-west traffic has no TLS');
    }
    const services = list(config.services);
    if (isUnknown(services)) return report.undetermined('Service Connect services are unknown');
    services.filter(isDict).forEach((entry) => {
      const label = `Service Connect port ${show(entry.portName)}`;
      const tls = entry.tls;
      if (isUnknown(tls)) return report.undetermined(`${label} tls is not known yet`);
      if (!isDict(tls)) return report.violation(`${label} has no TLS`);
      const pca = isDict(tls.issuerCertAuthority)
        ? tls.issuerCertAuthority.awsPcaAuthorityArn
        : undefined;
      if (pca === undefined || pca === '') report.violation(`${label} names no Private CA`);
      if (tls.kmsKey === undefined || tls.kmsKey === '')
        report.violation(`${label} names no kmsKey`);
      if (tls.roleArn === undefined || tls.roleArn === '')
        report.violation(`${label} names no roleArn`);
    });
  },
});

export const SVC_02 = resourcePolicy({
  id: 'SVC-02',
  catalogueSeverity: 'M',
  description: 'Services run on Fargate (LATEST or a pinned current platform).',
  remediation: "set launchType: 'FARGATE'",
  derivedFrom: ['ecs-fargate-latest-platform-version', 'CKV_AWS_332', 'ECS.10'],
  types: [T.ecsService],
  validate(service, report) {
    const launch = str(service, 'launchType');
    const strategies = list(at(service.inputs, 'capacityProviderStrategies'));
    const fargateByStrategy =
      !isUnknown(strategies) &&
      strategies.length > 0 &&
      strategies.filter(isDict).every((s) => String(s.capacityProvider).startsWith('FARGATE'));
    if (!isUnknown(launch) && launch !== 'FARGATE' && !fargateByStrategy) {
      report.violation(`launchType is ${show(launch)}`);
    }
  },
});

export const SVC_05 = resourcePolicy({
  id: 'SVC-05',
  catalogueSeverity: 'M',
  description: 'ECS Exec is off (shell access to PHI workloads is audited elsewhere).',
  remediation: 'set enableExecuteCommand: false',
  derivedFrom: ['catalogue SVC-05'],
  types: [T.ecsService],
  validate(service, report) {
    if (bool(service, 'enableExecuteCommand') === true) report.violation('ECS Exec is enabled');
  },
});

export const ECS_01 = resourcePolicy({
  id: 'ECS-01',
  catalogueSeverity: 'M',
  description: 'Clusters have Container Insights enabled.',
  remediation: "add settings [{ name: 'containerInsights', value: 'enabled' }]",
  derivedFrom: ['AwsSolutions-ECS4', 'ecs-container-insights-enabled', 'CKV_AWS_65', 'ECS.12'],
  types: [T.ecsCluster],
  validate(cluster, report) {
    const settings = list(at(cluster.inputs, 'settings'));
    if (isUnknown(settings)) return;
    const on = settings
      .filter(isDict)
      .some(
        (s) => s.name === 'containerInsights' && (s.value === 'enabled' || s.value === 'enhanced'),
      );
    if (!on) report.violation('Container Insights is not enabled');
  },
});

export const ECS_POLICIES: readonly ResourcePolicy[] = [
  TD_01,
  TD_02,
  TD_03,
  TD_04,
  TD_05,
  TD_06,
  TD_07,
  TD_08,
  TD_11,
  TD_12,
  SVC_01,
  SVC_02,
  SVC_03,
  SVC_05,
  ECS_01,
];
