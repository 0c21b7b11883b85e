/** Stack checks over one kind of pairing: rotation, Multi-AZ instances, WAF on the ALB. */
import { stackPolicy, StackPolicy } from '../definitions';
import { T } from '../resource-types';
import { at } from '../values';

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

export const CROSS_MISC_POLICIES: readonly StackPolicy[] = [SM_02, RDS_11, ALB_06];
