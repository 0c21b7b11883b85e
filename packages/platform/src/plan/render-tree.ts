import { PlanJson, PlanResourceJson } from './plan-json';

/** The few inputs per type that tell a reviewer what a resource is; everything else is JSON. */
const KEY_INPUTS: Readonly<Record<string, readonly string[]>> = {
  'aws:kms/key:Key': ['enableKeyRotation', 'deletionWindowInDays'],
  'aws:kms/alias:Alias': ['name'],
  'aws:ec2/vpc:Vpc': ['cidrBlock'],
  'aws:ec2/subnet:Subnet': ['cidrBlock', 'availabilityZone', 'mapPublicIpOnLaunch'],
  'aws:ec2/flowLog:FlowLog': ['trafficType', 'logDestinationType'],
  'aws:ec2/vpcEndpoint:VpcEndpoint': ['serviceName', 'vpcEndpointType'],
  'aws:cloudwatch/logGroup:LogGroup': ['name', 'retentionInDays'],
  'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule': ['fromPort', 'cidrIpv4'],
  'aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule': ['toPort', 'cidrIpv4'],
  'aws:rds/cluster:Cluster': [
    'engine',
    'engineVersion',
    'backupRetentionPeriod',
    'storageEncrypted',
    'deletionProtection',
  ],
  'aws:rds/clusterInstance:ClusterInstance': ['instanceClass', 'promotionTier'],
  'aws:elasticache/replicationGroup:ReplicationGroup': [
    'engine',
    'engineVersion',
    'nodeType',
    'numCacheClusters',
    'automaticFailoverEnabled',
    'transitEncryptionMode',
  ],
  'aws:secretsmanager/secret:Secret': ['name'],
  'aws:ecs/cluster:Cluster': ['name'],
  'aws:ecs/service:Service': ['desiredCount', 'launchType', 'platformVersion'],
  'aws:ecs/taskDefinition:TaskDefinition': ['cpu', 'memory', 'networkMode'],
  'aws:lb/loadBalancer:LoadBalancer': ['internal', 'loadBalancerType'],
  'aws:lb/listener:Listener': ['port', 'protocol', 'sslPolicy'],
  'aws:lb/targetGroup:TargetGroup': ['port', 'protocol', 'targetType'],
  'aws:acm/certificate:Certificate': ['domainName', 'validationMethod', 'keyAlgorithm'],
  'aws:acmpca/certificateAuthority:CertificateAuthority': ['type', 'usageMode'],
  'aws:route53/record:Record': ['type'],
};

function renderValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function describe(resource: PlanResourceJson): string {
  const keys = KEY_INPUTS[resource.type] ?? [];
  const props = keys
    .filter((key) => resource.inputs[key] !== undefined && resource.inputs[key] !== null)
    .map((key) => `${key}=${renderValue(resource.inputs[key])}`);
  const secrets =
    resource.secretPaths.length > 0 ? [`secret: ${resource.secretPaths.join(',')}`] : [];
  const extras = [...props, ...secrets];
  return `${resource.type} ${resource.name}${extras.length > 0 ? `  (${extras.join(', ')})` : ''}`;
}

/** The resources as an indented parent/child tree, in registration order. */
export function renderTree(plan: PlanJson): string {
  const children = new Map<string | null, PlanResourceJson[]>();
  const urns = new Set(plan.resources.map((r) => r.urn));
  for (const resource of plan.resources) {
    const parent = resource.parent !== null && urns.has(resource.parent) ? resource.parent : null;
    children.set(parent, [...(children.get(parent) ?? []), resource]);
  }
  const lines = [`${plan.project}/${plan.stack} (${plan.region}, partition ${plan.partition})`];
  const walk = (parent: string | null, prefix: string): void => {
    const list = children.get(parent) ?? [];
    list.forEach((resource, index) => {
      const last = index === list.length - 1;
      lines.push(`${prefix}${last ? '└─ ' : '├─ '}${describe(resource)}`);
      walk(resource.urn, `${prefix}${last ? '   ' : '│  '}`);
    });
  };
  walk(null, '');
  return `${lines.join('\n')}\n`;
}

/** Counts by type, the outputs, the policy pack and every finding. */
export function renderSummary(plan: PlanJson): string {
  const counts = new Map<string, number>();
  for (const resource of plan.resources) {
    counts.set(resource.type, (counts.get(resource.type) ?? 0) + 1);
  }
  const width = Math.max(...[...counts.keys()].map((type) => type.length), 10);
  const lines = [`Resources: ${plan.resources.length}`];
  for (const [type, count] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${type.padEnd(width)}  ${String(count).padStart(3)}`);
  }
  lines.push(`Outputs: ${Object.keys(plan.outputs).sort().join(', ') || 'none'}`);
  const mandatory = plan.violations.filter((v) => v.level === 'mandatory');
  const pack = plan.policyPack;
  lines.push(
    `Policy pack ${pack.name}@${pack.version}: ${pack.policies.length} policies, ` +
      `${mandatory.length} mandatory and ${plan.violations.length - mandatory.length} advisory ` +
      `violations, ${plan.waivers.length} waived`,
  );
  for (const v of plan.violations) {
    lines.push(`  [${v.level}] ${v.policy}: ${v.message}\n      at ${v.urn}`);
  }
  for (const w of plan.waivers)
    lines.push(`  [waived] ${w.policy}: ${w.reason}\n      at ${w.urn}`);
  return `${lines.join('\n')}\n`;
}
