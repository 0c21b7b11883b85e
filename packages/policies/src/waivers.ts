/**
 * Named, reasoned exceptions. A waived finding is still reported (as `waived`, with the waiver
 * id and reason) so a reviewer sees every exception in the plan; nothing is skipped silently.
 * Each waiver is as narrow as the resource's type, name and shape allow, and a stack policy
 * re-checks what the waiver takes on trust (named in `backedBy`).
 */
import { stackOfUrn } from './deployment';
import { T } from './resource-types';
import { isAnywhere } from './rules/common';
import { isHttpsOnly, rulesOf } from './rules/sg-rules';
import { PlanResource } from './types';

export interface WaiverMatch {
  readonly type: string;
  /** Logical-name pattern; anchored patterns keep a waiver from spreading by accident. */
  readonly name?: RegExp;
  /** Stacks the waiver applies to; all when omitted. */
  readonly stacks?: readonly string[];
  /** A shape the resource must have besides its type and name. */
  readonly when?: (resource: PlanResource) => boolean;
}

export interface Waiver {
  readonly id: string;
  /** The policy id whose findings it accepts. */
  readonly policy: string;
  readonly match: WaiverMatch;
  readonly reason: string;
  /** The policy that verifies the assumption behind the waiver. */
  readonly backedBy?: string;
}

function onlyInternetHttps(resource: PlanResource): boolean {
  const rules = rulesOf(resource);
  return rules.length > 0 && rules.every((r) => isHttpsOnly(r) && r.cidrs.every(isAnywhere));
}

function onlyHttpsFromInsideCidrs(resource: PlanResource): boolean {
  const rules = rulesOf(resource);
  return (
    rules.length > 0 &&
    rules.every((r) => isHttpsOnly(r) && r.cidrs.length > 0 && !r.cidrs.some(isAnywhere))
  );
}

export const WAIVERS: readonly Waiver[] = [
  {
    id: 'public-route-table-igw',
    policy: 'VPC-05',
    match: { type: T.route, name: /-public-default$/ },
    reason:
      "The public subnets' one route table must send 0.0.0.0/0 to the internet gateway for the " +
      'NAT gateways and an internet-facing load balancer (catalogue section 3 item 5).',
    backedBy: 'XR-10',
  },
  {
    id: 'alb-internet-https',
    policy: 'SG-01',
    match: { type: T.ingressRule, when: onlyInternetHttps },
    reason:
      'The public load balancer is the single entry point and must accept HTTPS from the ' +
      'internet; only tcp/443, never port 80 (catalogue section 3 item 4).',
    backedBy: 'XR-09',
  },
  {
    id: 'vpc-endpoints-from-private-subnets',
    policy: 'SG-03',
    match: {
      type: T.ingressRule,
      name: /-endpoints-https-from-private-\d+$/,
      when: onlyHttpsFromInsideCidrs,
    },
    reason:
      'The interface endpoints (Secrets Manager, KMS, Logs, ECR, STS) are built with the VPC, ' +
      'before any task group exists, so they admit tcp/443 from the private subnets only; ' +
      'only ECS tasks run there. To be replaced by task-group references.',
    backedBy: 'XR-10',
  },
  {
    id: 'dev-database-teardown',
    policy: 'RDS-05',
    match: { type: T.rdsCluster, stacks: ['dev'] },
    reason:
      'The architecture requires deletion protection and a final snapshot outside dev only; ' +
      'the dev database is disposable.',
  },
  {
    id: 'dev-database-single-instance',
    policy: 'RDS-11',
    match: { type: T.rdsCluster, stacks: ['dev'] },
    reason:
      'dev runs one database instance to stay cheap; it holds test data, never production PHI. ' +
      'staging and prod run a writer and a reader in different zones.',
  },
  {
    id: 'cache-auth-token-rotated-by-redeploy',
    policy: 'SM-02',
    match: { type: T.secret, name: /-auth-token-secret$/ },
    reason:
      'Secrets Manager has no rotation function for ElastiCache AUTH tokens: a new token must be ' +
      'set on the replication group itself (AuthTokenUpdateStrategy ROTATE, then SET). The ' +
      'token is rotated by replacing it in a deployment, as the data package README describes.',
  },
];

export function waiverFor(
  waivers: readonly Waiver[],
  policy: string,
  resource: PlanResource | undefined,
  stack: string | undefined,
): Waiver | undefined {
  if (!resource) return undefined;
  const resourceStack = stackOfUrn(resource.urn) ?? stack;
  return waivers.find(
    (w) =>
      w.policy === policy &&
      w.match.type === resource.type &&
      (w.match.name === undefined || w.match.name.test(resource.name)) &&
      (w.match.stacks === undefined ||
        (resourceStack !== undefined && w.match.stacks.includes(resourceStack))) &&
      (w.match.when === undefined || w.match.when(resource)),
  );
}
