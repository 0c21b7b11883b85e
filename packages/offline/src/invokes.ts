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
 * Service principals that the provider writes with the partition's DNS suffix in AWS China.
 * The provider (terraform-provider-aws, data source aws_service_principal) keeps
 * `<service>.amazonaws.com` for every service in every partition except a short list in
 * aws-cn; that list is reproduced here.
 */
const CHINA_SUFFIXED_SERVICES: ReadonlySet<string> = new Set([
  'codedeploy',
  'elasticmapreduce',
  'logs',
]);

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
    const suffix =
      r.partition === 'aws-cn' && CHINA_SUFFIXED_SERVICES.has(service)
        ? r.dnsSuffix
        : 'amazonaws.com';
    return {
      id: `${service}.${r.region}.${suffix}`,
      name: `${service}.${suffix}`,
      region: r.region,
      serviceName: service,
      suffix,
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
