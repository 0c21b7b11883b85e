/**
 * Stack checks over one kind of pairing: rotation, Multi-AZ instances, the cluster's parameter
 * group, WAF on the ALB.
 */
import { stackPolicy, StackPolicy } from '../definitions';
import { ResourceGraph } from '../graph';
import { T } from '../resource-types';
import { PlanResource } from '../types';
import { at, isDict, isUnknown, list, show } from '../values';

export const SM_02 = stackPolicy({
  id: 'SM-02',
  catalogueSeverity: 'H',
  description: 'Every declared secret has a rotation (service-managed secrets are not declared).',
  remediation:
    'add aws.secretsmanager.SecretRotation for the secret, or let the service manage it ' +
    '(manageMasterUserPassword)',
  derivedFrom: [
    'HIPAA.Security-SecretsManagerRotationEnabled',
    'secretsmanager-rotation-enabled-check',
    'CKV2_AWS_57',
    'SecretsManager.1',
  ],
  validate(graph, report) {
    const rotated = new Set<string>();
    for (const rotation of graph.ofType(T.secretRotation)) {
      const target = graph.resolve(rotation, 'secretId', at(rotation.inputs, 'secretId'), [
        T.secret,
      ]);
      if (target.kind === 'found') rotated.add(target.resource.urn);
    }
    for (const secret of graph.ofType(T.secret)) {
      if (!rotated.has(secret.urn))
        report.violation('the secret is never rotated', { urn: secret.urn });
    }
  },
});

export const RDS_11 = stackPolicy({
  id: 'RDS-11',
  catalogueSeverity: 'H',
  description: 'Each Aurora cluster has at least two instances (a reader in another zone).',
  remediation: 'add a reader instance (AuroraPostgres instances.readers >= 1)',
  derivedFrom: [
    'rds-cluster-multi-az-enabled',
    'RDS.15',
    'aws-rds-cluster-disallow-single-availability-zone',
  ],
  validate(graph, report) {
    const counts = new Map<string, { count: number; pinned: number; zones: Set<string> }>();
    for (const instance of graph.ofType(T.rdsClusterInstance)) {
      const cluster = graph.resolve(
        instance,
        'clusterIdentifier',
        at(instance.inputs, 'clusterIdentifier'),
        [T.rdsCluster],
      );
      if (cluster.kind !== 'found') continue;
      const entry = counts.get(cluster.resource.urn) ?? {
        count: 0,
        pinned: 0,
        zones: new Set<string>(),
      };
      entry.count += 1;
      const zone = at(instance.inputs, 'availabilityZone');
      if (typeof zone === 'string') {
        entry.pinned += 1;
        entry.zones.add(zone);
      }
      counts.set(cluster.resource.urn, entry);
    }
    for (const cluster of graph.ofType(T.rdsCluster)) {
      const entry = counts.get(cluster.urn);
      if (!entry || entry.count < 2) {
        report.violation(`the cluster has ${entry?.count ?? 0} instance(s)`, { urn: cluster.urn });
      } else if (entry.pinned === entry.count && entry.zones.size === 1) {
        report.violation('all instances are pinned to one availability zone', { urn: cluster.urn });
      }
    }
  },
});

/**
 * The parameter-group family an Aurora engine version needs: `aurora-postgresql16` for
 * 16.x, `aurora-mysql8.0` for 8.0.mysql_aurora.3.x; `undefined` for engines not handled here.
 */
export function expectedParameterGroupFamily(
  engine: string,
  engineVersion: string,
): string | undefined {
  if (engine === 'aurora-postgresql') {
    const major = /^(\d+)(\.|$)/.exec(engineVersion)?.[1];
    return major ? `aurora-postgresql${major}` : undefined;
  }
  if (engine === 'aurora-mysql') {
    const majorMinor = /^(\d+\.\d+)\./.exec(engineVersion)?.[1];
    return majorMinor ? `aurora-mysql${majorMinor}` : undefined;
  }
  return undefined;
}

type GroupLookup =
  | { readonly kind: 'found'; readonly group: PlanResource }
  | { readonly kind: 'undeclared' }
  | { readonly kind: 'unknown'; readonly reason: string };

function declaredGroup(graph: ResourceGraph, cluster: PlanResource, name: string): GroupLookup {
  const groups = graph.ofType(T.rdsClusterParameterGroup);
  // Plans name the group by its physical name; before it exists, only its `name` input has it.
  const byName = groups.filter((g) => at(g.inputs, 'name') === name);
  if (byName.length === 1 && byName[0]) return { kind: 'found', group: byName[0] };
  if (groups.length === 0) return { kind: 'undeclared' };
  const target = graph.resolve(cluster, 'dbClusterParameterGroupName', name, [
    T.rdsClusterParameterGroup,
  ]);
  if (target.kind === 'found') return { kind: 'found', group: target.resource };
  if (target.kind === 'external') return { kind: 'undeclared' };
  return { kind: 'unknown', reason: target.kind === 'unresolved' ? target.reason : 'unset' };
}

export const XR_06 = stackPolicy({
  id: 'XR-06',
  catalogueSeverity: 'H',
  description:
    "Each Aurora cluster's dbClusterParameterGroupName is a parameter group declared in the " +
    "program, with rds.force_ssl = 1 and the family of the cluster's engine major version.",
  remediation:
    'declare an aws.rds.ClusterParameterGroup (family aurora-postgresql<major>, rds.force_ssl ' +
    '= 1) and pass its name as dbClusterParameterGroupName',
  derivedFrom: ['catalogue section 2 item 6', 'RDS-12', 'PGP-01'],
  validate(graph, report) {
    for (const cluster of graph.ofType(T.rdsCluster)) {
      const urn = cluster.urn;
      const name = at(cluster.inputs, 'dbClusterParameterGroupName');
      if (name === undefined || name === '') continue; // RDS-12's finding.
      if (isUnknown(name) || typeof name !== 'string') {
        report.undetermined('dbClusterParameterGroupName is not known yet', { urn });
        continue;
      }
      const lookup = declaredGroup(graph, cluster, name);
      if (lookup.kind === 'undeclared') {
        report.violation(`parameter group ${name} is not declared in this program`, { urn });
        continue;
      }
      if (lookup.kind === 'unknown') {
        report.undetermined(`parameter group ${name}: ${lookup.reason}`, { urn });
        continue;
      }
      const group = lookup.group;
      const parameters = list(at(group.inputs, 'parameters'));
      if (isUnknown(parameters)) {
        report.undetermined(`parameters of ${group.name} are not known yet`, { urn });
      } else {
        const forceSsl = parameters.filter(isDict).find((p) => p.name === 'rds.force_ssl');
        if (String(forceSsl?.value) !== '1') {
          report.violation(
            `parameter group ${group.name} sets rds.force_ssl to ${show(forceSsl?.value)}, not 1`,
            { urn },
          );
        }
      }
      const engine = at(cluster.inputs, 'engine');
      const version = at(cluster.inputs, 'engineVersion');
      const family = at(group.inputs, 'family');
      if (typeof engine !== 'string' || typeof version !== 'string') {
        report.undetermined('engine or engineVersion is not known: family not compared', { urn });
        continue;
      }
      const expected = expectedParameterGroupFamily(engine, version);
      if (expected === undefined) {
        report.undetermined(`no family rule for ${engine} ${version}`, { urn });
      } else if (family !== expected) {
        report.violation(
          `parameter group ${group.name} has family ${show(family)}; ${engine} ${version} ` +
            `needs ${expected}`,
          { urn },
        );
      }
    }
  },
});

export const ALB_06 = stackPolicy({
  id: 'ALB-06',
  catalogueSeverity: 'H',
  description: 'An internet-facing load balancer is protected by a WAF web ACL.',
  remediation: 'associate an aws.wafv2.WebAcl (with logging) through aws.wafv2.WebAclAssociation',
  derivedFrom: ['HIPAA.Security-WAFv2LoggingEnabled', 'alb-waf-enabled', 'CKV2_AWS_28', 'ELB.16'],
  validate(graph, report) {
    const protectedUrns = new Set<string>();
    for (const association of graph.ofType(T.wafAssociation)) {
      const target = graph.resolve(
        association,
        'resourceArn',
        at(association.inputs, 'resourceArn'),
        [T.loadBalancer],
      );
      if (target.kind === 'found') protectedUrns.add(target.resource.urn);
    }
    for (const lb of graph.ofType(T.loadBalancer)) {
      if (at(lb.inputs, 'internal') === true || protectedUrns.has(lb.urn)) continue;
      report.violation('the internet-facing load balancer has no WAF web ACL', { urn: lb.urn });
    }
  },
});

export const CROSS_MISC_POLICIES: readonly StackPolicy[] = [SM_02, RDS_11, XR_06, ALB_06];
