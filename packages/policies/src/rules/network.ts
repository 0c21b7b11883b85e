/** VPC, subnets, routes and flow logs. */
import { resourcePolicy, ResourcePolicy, stackPolicy, StackPolicy } from '../definitions';
import { T } from '../resource-types';
import { PlanResource } from '../types';
import { at, isDict, isUnknown, list, show } from '../values';
import { bool, isAnywhere, str } from './common';

export const VPC_01 = stackPolicy({
  id: 'VPC-01',
  catalogueSeverity: 'H',
  description: 'Every VPC has a flow log.',
  remediation: 'create the VPC through Network, which adds a flow log of all traffic',
  derivedFrom: [
    'HIPAA.Security-VPCFlowLogsEnabled',
    'vpc-flow-logs-enabled',
    'CKV2_AWS_11',
    'EC2.6',
  ],
  validate(graph, report) {
    const logged = new Set<string>();
    let unresolved = false;
    for (const flowLog of graph.ofType(T.flowLog)) {
      const target = graph.resolve(flowLog, 'vpcId', at(flowLog.inputs, 'vpcId'), [T.vpc]);
      if (target.kind === 'found') logged.add(target.resource.urn);
      if (target.kind === 'unresolved') unresolved = true;
    }
    for (const vpc of graph.ofType(T.vpc)) {
      if (logged.has(vpc.urn)) continue;
      if (unresolved)
        report.undetermined('a flow log names a VPC that cannot be resolved', { urn: vpc.urn });
      else report.violation('the VPC has no flow log', { urn: vpc.urn });
    }
  },
});

export const VPC_02 = resourcePolicy({
  id: 'VPC-02',
  catalogueSeverity: 'H',
  description: 'Flow logs capture ALL traffic into a CloudWatch log group through a role.',
  remediation:
    "set trafficType: 'ALL', logDestinationType: 'cloud-watch-logs', logDestination and iamRoleArn",
  derivedFrom: ['vpc-flow-logs-enabled (trafficType)', 'HIPAA.Security-VPCFlowLogsEnabled'],
  types: [T.flowLog],
  validate(flowLog, report) {
    const traffic = str(flowLog, 'trafficType');
    if (isUnknown(traffic)) report.undetermined('trafficType is not known yet');
    else if (traffic !== 'ALL') report.violation(`trafficType is ${show(traffic)}, not ALL`);
    const kind = str(flowLog, 'logDestinationType') ?? 'cloud-watch-logs';
    if (isUnknown(kind)) return report.undetermined('logDestinationType is not known yet');
    if (kind !== 'cloud-watch-logs') {
      report.violation(
        `logDestinationType is ${kind}: the platform only proves encryption and retention of ` +
          'CloudWatch log groups',
      );
      return;
    }
    for (const prop of ['logDestination', 'iamRoleArn']) {
      const value = at(flowLog.inputs, prop);
      if (value === undefined || value === '') report.violation(`${prop} is not set`);
    }
  },
});

export const VPC_03 = stackPolicy({
  id: 'VPC-03',
  catalogueSeverity: 'H',
  description: "Every VPC's default security group is declared with no rules.",
  remediation: 'declare aws.ec2.DefaultSecurityGroup { vpcId, ingress: [], egress: [] }',
  derivedFrom: [
    'HIPAA.Security-VPCDefaultSecurityGroupClosed',
    'vpc-default-security-group-closed',
    'CKV2_AWS_12',
    'EC2.2',
  ],
  validate(graph, report) {
    const closed = new Set<string>();
    for (const group of graph.ofType(T.defaultSecurityGroup)) {
      for (const direction of ['ingress', 'egress']) {
        const rules = list(at(group.inputs, direction));
        if (isUnknown(rules)) {
          report.undetermined(`${direction} is not known yet`, { urn: group.urn });
        } else if (rules.length > 0) {
          report.violation(
            `the default security group keeps ${rules.length} ${direction} rule(s)`,
            {
              urn: group.urn,
            },
          );
        }
      }
      const vpc = graph.resolve(group, 'vpcId', at(group.inputs, 'vpcId'), [T.vpc]);
      if (vpc.kind === 'found') closed.add(vpc.resource.urn);
    }
    for (const vpc of graph.ofType(T.vpc)) {
      if (!closed.has(vpc.urn)) {
        report.violation('the VPC has no declared (emptied) default security group', {
          urn: vpc.urn,
        });
      }
    }
  },
});

export const VPC_04 = resourcePolicy({
  id: 'VPC-04',
  catalogueSeverity: 'H',
  description: 'No subnet gives instances public addresses automatically (public ones neither).',
  remediation: 'set mapPublicIpOnLaunch: false and assignIpv6AddressOnCreation: false',
  derivedFrom: [
    'HIPAA.Security-VPCSubnetAutoAssignPublicIpDisabled',
    'subnet-auto-assign-public-ip-disabled',
    'CKV_AWS_130',
    'EC2.15',
  ],
  types: [T.subnet],
  validate(subnet, report) {
    for (const prop of ['mapPublicIpOnLaunch', 'assignIpv6AddressOnCreation']) {
      const value = bool(subnet, prop);
      if (isUnknown(value)) report.undetermined(`${prop} is not known yet`);
      else if (value === true) report.violation(`${prop} is true`);
    }
  },
});

/** Whether a gateway id names an internet gateway (`igw-...`), undefined when not known. */
export function isInternetGatewayId(value: unknown): boolean | undefined {
  if (isUnknown(value)) return undefined;
  return typeof value === 'string' && value.startsWith('igw-');
}

interface DefaultRoute {
  readonly destination: string;
  readonly gatewayId: unknown;
}

/** The default (`0.0.0.0/0`, `::/0`) routes of a Route or of a RouteTable's inline routes. */
export function defaultRoutes(resource: PlanResource): DefaultRoute[] {
  if (resource.type === T.route) {
    const destination =
      at(resource.inputs, 'destinationCidrBlock') ??
      at(resource.inputs, 'destinationIpv6CidrBlock');
    return isAnywhere(destination)
      ? [{ destination: destination as string, gatewayId: at(resource.inputs, 'gatewayId') }]
      : [];
  }
  const routes = list(at(resource.inputs, 'routes'));
  if (isUnknown(routes)) return [];
  return routes.filter(isDict).flatMap((route) => {
    const destination = route.cidrBlock ?? route.ipv6CidrBlock;
    return isAnywhere(destination)
      ? [{ destination: destination as string, gatewayId: route.gatewayId }]
      : [];
  });
}

export const VPC_05 = resourcePolicy({
  id: 'VPC-05',
  catalogueSeverity: 'H',
  description: 'No default route to an internet gateway, except the waived public route table.',
  remediation:
    'send private traffic through a NAT gateway (natGatewayId); only the public route table ' +
    'may route 0.0.0.0/0 to the internet gateway, under waiver public-route-table-igw',
  derivedFrom: ['HIPAA.Security-VPCNoUnrestrictedRouteToIGW', 'no-unrestricted-route-to-igw'],
  types: [T.route, T.routeTable],
  validate(resource, report) {
    if (resource.type === T.routeTable && isUnknown(list(at(resource.inputs, 'routes')))) {
      return report.undetermined('routes are not known yet');
    }
    for (const route of defaultRoutes(resource)) {
      const igw = isInternetGatewayId(route.gatewayId);
      if (igw === undefined) report.undetermined(`gatewayId of the ${route.destination} route`);
      else if (igw) {
        report.violation(
          `routes ${route.destination} to internet gateway ${show(route.gatewayId)}`,
        );
      }
    }
  },
});

export const NETWORK_POLICIES: readonly (ResourcePolicy | StackPolicy)[] = [
  VPC_01,
  VPC_02,
  VPC_03,
  VPC_04,
  VPC_05,
];
