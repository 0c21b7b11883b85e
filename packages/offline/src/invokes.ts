import { elbAccountId } from './elb-accounts';
import { RegionInfo, resolveRegion } from './regions';
import { getAvailabilityZones } from './zones';

/** The context an invoke runs in: the provider's region and the mocked account. */
export interface InvokeContext {
  readonly region: RegionInfo;
  readonly accountId: string;
}

type Inputs = Record<string, unknown>;
type Handler = (inputs: Inputs, ctx: InvokeContext) => Record<string, unknown>;

/** Thrown for an invoke the mocks do not answer. */
export class UnknownInvokeError extends Error {
  constructor(readonly token: string) {
    super(
      `The offline mocks do not answer the invoke "${token}". Known invokes: ` +
        `${knownInvokes().join(', ')}. Add a handler in @phi-platform/offline (src/invokes.ts) ` +
        `that answers the way the AWS provider does, rather than returning an empty result.`,
    );
    this.name = 'UnknownInvokeError';
  }
}

/** A region passed explicitly to an invoke, else the provider's. */
function regionFor(inputs: Inputs, ctx: InvokeContext): RegionInfo {
  const explicit = inputs['region'] ?? inputs['name'] ?? inputs['id'];
  return typeof explicit === 'string' && explicit.length > 0 ? resolveRegion(explicit) : ctx.region;
}

/**
 * Services whose principal the provider writes with the partition's own DNS suffix. Everywhere
 * else, including most services in AWS China and GovCloud, the principal is
 * `<service>.amazonaws.com`. This mirrors the provider's data source (terraform-provider-aws
 * `aws_service_principal`, which takes the list from the AWS CDK's region-info); in aws-cn the
 * CloudWatch Logs principal is therefore `logs.amazonaws.com.cn`, but KMS, RDS, ECS tasks and
 * Secrets Manager stay on `amazonaws.com`.
 */
const PARTITION_SUFFIXED_SERVICES: Readonly<Record<string, ReadonlySet<string>>> = {
  'aws-cn': new Set(['codedeploy', 'elasticmapreduce', 'logs']),
  'aws-iso': new Set(['cloudhsm', 'config', 'logs', 'workspaces']),
  'aws-iso-b': new Set(['dms', 'logs']),
};

/** The service principal suffix the provider uses for a service in a partition. */
export function servicePrincipalSuffix(service: string, partition: string, dnsSuffix: string) {
  return PARTITION_SUFFIXED_SERVICES[partition]?.has(service) === true
    ? dnsSuffix
    : 'amazonaws.com';
}

const HANDLERS: Record<string, Handler> = {
  'aws:index/getRegion:getRegion': (inputs, ctx) => {
    const r = regionFor(inputs, ctx);
    return {
      description: r.description,
      endpoint: `ec2.${r.region}.${r.dnsSuffix}`,
      id: r.region,
      name: r.region,
      region: r.region,
    };
  },
  'aws:index/getPartition:getPartition': (_inputs, ctx) => ({
    dnsSuffix: ctx.region.dnsSuffix,
    id: ctx.region.partition,
    partition: ctx.region.partition,
    reverseDnsPrefix: ctx.region.reverseDnsPrefix,
  }),
  'aws:index/getCallerIdentity:getCallerIdentity': (_inputs, ctx) => ({
    accountId: ctx.accountId,
    arn: `arn:${ctx.region.partition}:sts::${ctx.accountId}:assumed-role/phi-offline/offline`,
    id: ctx.accountId,
    userId: 'AROAOFFLINEMOCKROLE00:offline',
  }),
  'aws:index/getAvailabilityZones:getAvailabilityZones': (inputs, ctx) =>
    getAvailabilityZones(regionFor(inputs, ctx).region, inputs),
  'aws:index/getServicePrincipal:getServicePrincipal': (inputs, ctx) => {
    const service = inputs['serviceName'];
    if (typeof service !== 'string' || service.length === 0) {
      throw new Error('getServicePrincipal: serviceName is required');
    }
    const r = regionFor(inputs, ctx);
    const suffix = servicePrincipalSuffix(service, r.partition, r.dnsSuffix);
    return {
      id: `${service}.${r.region}.${suffix}`,
      name: `${service}.${suffix}`,
      region: r.region,
      serviceName: service,
      suffix,
    };
  },
  // As the provider does: the account of the region asked for (else the provider's), in an ARN
  // of the provider's partition; a region without an account (opened from August 2022 on) fails.
  'aws:elb/getServiceAccount:getServiceAccount': (inputs, ctx) => {
    const asked = inputs['region'];
    const region = typeof asked === 'string' && asked.length > 0 ? asked : ctx.region.region;
    const account = elbAccountId(region);
    if (account === undefined) {
      throw new Error(`unsupported AWS Region: ${region}`);
    }
    return {
      arn: `arn:${ctx.region.partition}:iam::${account}:root`,
      id: account,
      region,
    };
  },
};

/** Invoke tokens the mocks answer, sorted. */
export function knownInvokes(): string[] {
  return Object.keys(HANDLERS).sort();
}

/** Answers an invoke or throws {@link UnknownInvokeError}. */
export function answerInvoke(
  token: string,
  inputs: Inputs,
  ctx: InvokeContext,
): Record<string, unknown> {
  const handler = HANDLERS[token];
  if (handler === undefined) {
    throw new UnknownInvokeError(token);
  }
  return handler(inputs, ctx);
}
