/**
 * Section 2 items 9 and 10: the security-group graph (the internet reaches only the public
 * load balancer on 443; data stores admit only named groups on their port) and subnet placement
 * (tasks never in public subnets, data stores only in isolated ones).
 */
import { stackPolicy, StackPolicy } from '../definitions';
import { ResourceGraph } from '../graph';
import { T } from '../resource-types';
import { PlanResource } from '../types';
import { asNumber, at, isUnknown } from '../values';
import { isAnywhere } from './common';
import { defaultRoutes, isInternetGatewayId } from './network';
import { describePorts, isHttpsOnly, portRange, RuleFacts, rulesOf } from './sg-rules';

interface OwnedRule {
  readonly rule: RuleFacts;
  readonly resource: PlanResource;
  readonly group: PlanResource | undefined;
}

function ownedRules(graph: ResourceGraph): OwnedRule[] {
  const owned: OwnedRule[] = [];
  for (const resource of graph.resources) {
    for (const rule of rulesOf(resource)) {
      if (resource.type === T.securityGroup || resource.type === T.defaultSecurityGroup) {
        owned.push({ rule, resource, group: resource });
        continue;
      }
      const prop = rule.groupProp ?? 'securityGroupId';
      const target = graph.resolve(resource, prop, at(resource.inputs, prop), [T.securityGroup]);
      owned.push({ rule, resource, group: target.kind === 'found' ? target.resource : undefined });
    }
  }
  return owned;
}

/** Security groups a resource attaches through a list input, keyed by group URN. */
function attached(graph: ResourceGraph, resource: PlanResource, path: string): PlanResource[] {
  const prop = path.split('.')[0] ?? path;
  return graph.resolveMany(resource, prop, at(resource.inputs, path), [T.securityGroup])
    .resources as PlanResource[];
}

export const XR_09 = stackPolicy({
  id: 'XR-09',
  catalogueSeverity: 'H',
  description:
    'Only the internet-facing load balancer group admits the internet (tcp/443); data-store ' +
    'groups admit only named task groups on their own port.',
  remediation:
    'use TrafficGroup.allowInternetHttps only on the HttpsIngress group, and ' +
    'allowFrom(taskGroupId, port) on database and cache groups',
  derivedFrom: ['catalogue section 2 item 9', 'SG-01', 'SG-03', 'RDS-13', 'EC-07'],
  validate(graph, report) {
    const internetFacing = new Set<string>();
    for (const lb of graph.ofType(T.loadBalancer)) {
      if (at(lb.inputs, 'internal') === true) continue;
      for (const group of attached(graph, lb, 'securityGroups')) internetFacing.add(group.urn);
    }
    const stores = new Map<string, { port: number; what: string }>();
    for (const cluster of graph.ofType(T.rdsCluster)) {
      const port = asNumber(at(cluster.inputs, 'port'));
      for (const group of attached(graph, cluster, 'vpcSecurityGroupIds')) {
        stores.set(group.urn, { port: typeof port === 'number' ? port : 5432, what: 'database' });
      }
    }
    for (const cache of graph.ofType(T.replicationGroup)) {
      const port = asNumber(at(cache.inputs, 'port'));
      for (const group of attached(graph, cache, 'securityGroupIds')) {
        stores.set(group.urn, { port: typeof port === 'number' ? port : 6379, what: 'cache' });
      }
    }
    const workloads = new Set<string>();
    for (const service of graph.ofType(T.ecsService)) {
      for (const group of attached(graph, service, 'networkConfiguration.securityGroups')) {
        workloads.add(group.urn);
      }
    }

    for (const { rule, resource, group } of ownedRules(graph)) {
      if (rule.direction !== 'ingress') continue;
      const urn = resource.urn;
      if (rule.cidrs.some(isAnywhere)) {
        if (!group) report.undetermined('an internet rule belongs to an unresolved group', { urn });
        else if (!internetFacing.has(group.urn) || !isHttpsOnly(rule)) {
          report.violation(
            `${group.name} admits the internet (${describePorts(rule)}) but is not the ` +
              'internet-facing load balancer group on tcp/443',
            { urn },
          );
        } else if (workloads.has(group.urn) || stores.has(group.urn)) {
          report.violation(`${group.name} is both internet-facing and a workload group`, { urn });
        }
        continue;
      }
      const store = group ? stores.get(group.urn) : undefined;
      if (!group || !store) continue;
      const range = portRange(rule);
      if (!range || range[0] !== store.port || range[1] !== store.port) {
        report.violation(
          `the ${store.what} group admits ${describePorts(rule)}, not only ${store.port}`,
          { urn },
        );
      }
      if (rule.cidrs.length > 0 || rule.prefixLists.length > 0) {
        report.violation(`the ${store.what} group admits a CIDR or prefix list`, { urn });
      }
      for (const source of rule.groups) {
        const resolved = graph.resolve(resource, 'referencedSecurityGroupId', source, [
          T.securityGroup,
        ]);
        if (resolved.kind === 'found' && !workloads.has(resolved.resource.urn)) {
          report.violation(
            `the ${store.what} group admits ${resolved.resource.name}, which no ECS service uses`,
            { urn },
          );
        } else if (resolved.kind !== 'found') {
          report.undetermined(`a source group of the ${store.what} group cannot be resolved`, {
            urn,
          });
        }
      }
    }
  },
});

type Placement = 'public' | 'private' | 'isolated' | 'unknown';

function routeTableOf(
  graph: ResourceGraph,
  subnet: PlanResource,
): PlanResource | undefined | 'unknown' {
  for (const association of graph.ofType(T.routeTableAssociation)) {
    const target = graph.resolve(association, 'subnetId', at(association.inputs, 'subnetId'), [
      T.subnet,
    ]);
    if (target.kind !== 'found' || target.resource.urn !== subnet.urn) continue;
    const table = graph.resolve(
      association,
      'routeTableId',
      at(association.inputs, 'routeTableId'),
      [T.routeTable],
    );
    return table.kind === 'found' ? table.resource : 'unknown';
  }
  return undefined;
}

function placementOf(graph: ResourceGraph, subnet: PlanResource): Placement {
  const table = routeTableOf(graph, subnet);
  if (table === undefined || table === 'unknown') return 'unknown';
  const routes = [
    ...defaultRoutes(table).map((r) => ({ route: table, gatewayId: r.gatewayId })),
    ...graph
      .ofType(T.route)
      .filter((route) => {
        const owner = graph.resolve(route, 'routeTableId', at(route.inputs, 'routeTableId'), [
          T.routeTable,
        ]);
        return owner.kind === 'found' && owner.resource.urn === table.urn;
      })
      .flatMap((route) => defaultRoutes(route).map((r) => ({ route, gatewayId: r.gatewayId }))),
  ];
  if (routes.length === 0) return 'isolated';
  for (const { route, gatewayId } of routes) {
    if (gatewayId === undefined) continue;
    const igw =
      isInternetGatewayId(gatewayId) ||
      graph.resolve(route, 'gatewayId', gatewayId, [T.internetGateway]).kind === 'found';
    if (igw) return 'public';
    if (isUnknown(gatewayId)) return 'unknown';
  }
  return 'private';
}

export const XR_10 = stackPolicy({
  id: 'XR-10',
  catalogueSeverity: 'H',
  description:
    'ECS tasks run in private subnets; database and cache subnet groups use isolated subnets ' +
    '(no default route at all).',
  remediation:
    'pass Network.privateSubnetIds to services and Network.isolatedSubnetIds to data stores',
  derivedFrom: ['catalogue section 2 item 10', 'VPC-05', 'SVC-01', 'RDS-13', 'EC-07'],
  validate(graph, report) {
    const uses: { resource: PlanResource; path: string; allowed: Placement[]; what: string }[] = [
      ...graph.ofType(T.ecsService).map((resource) => ({
        resource,
        path: 'networkConfiguration.subnets',
        allowed: ['private', 'isolated'] as Placement[],
        what: 'ECS tasks',
      })),
      ...graph.ofType(T.rdsSubnetGroup, T.cacheSubnetGroup).map((resource) => ({
        resource,
        path: 'subnetIds',
        allowed: ['isolated'] as Placement[],
        what: 'a data store subnet group',
      })),
    ];
    for (const { resource, path, allowed, what } of uses) {
      const prop = path.split('.')[0] ?? path;
      const resolved = graph.resolveMany(resource, prop, at(resource.inputs, path), [T.subnet]);
      for (const reason of resolved.unresolved) report.undetermined(reason, { urn: resource.urn });
      for (const value of resolved.external) {
        report.violation(`${what} use subnet ${value}, not declared in this program`, {
          urn: resource.urn,
        });
      }
      for (const subnet of resolved.resources) {
        const placement = placementOf(graph, subnet);
        if (placement === 'unknown') {
          report.undetermined(`cannot tell the route table of subnet ${subnet.name}`, {
            urn: resource.urn,
          });
        } else if (!allowed.includes(placement)) {
          report.violation(`${what} use ${placement} subnet ${subnet.name}`, { urn: resource.urn });
        }
      }
    }
  },
});

export const CROSS_NETWORK_POLICIES: readonly StackPolicy[] = [XR_09, XR_10];
