/**
 * Security-group rules read the same way whether they are standalone `aws.vpc` rule resources,
 * legacy `aws.ec2.SecurityGroupRule`s or inline `ingress`/`egress` blocks.
 */
import { T } from '../resource-types';
import { PlanResource } from '../types';
import { asNumber, at, isDict, isUnknown, list, Unknown } from '../values';

export type Direction = 'ingress' | 'egress';

export interface RuleFacts {
  readonly direction: Direction;
  /** Lower-case protocol; `all` for `-1`/`all`. */
  readonly protocol: string | Unknown;
  readonly fromPort: number | undefined | Unknown;
  readonly toPort: number | undefined | Unknown;
  /** IPv4 and IPv6 CIDR sources (ingress) or destinations (egress). */
  readonly cidrs: readonly (string | Unknown)[];
  /** Security-group sources/destinations (ids), `self` excluded. */
  readonly groups: readonly unknown[];
  readonly self: boolean;
  readonly prefixLists: readonly unknown[];
  /** Where the rule lives, for messages: `rule`, `ingress[0]`. */
  readonly label: string;
  /** Input holding the owning group id (standalone rules) for reference resolution. */
  readonly groupProp?: string;
}

function protocolOf(value: unknown): string | Unknown {
  if (isUnknown(value)) return value;
  const text =
    typeof value === 'string' || typeof value === 'number' ? String(value).toLowerCase() : '';
  return text === '-1' || text === 'all' ? 'all' : text;
}

function texts(value: unknown): (string | Unknown)[] {
  const items = list(value);
  if (isUnknown(items)) return [items];
  return items.filter(
    (item): item is string | Unknown => typeof item === 'string' || isUnknown(item),
  );
}

function inlineRules(resource: PlanResource, direction: Direction): RuleFacts[] {
  const rules = list(at(resource.inputs, direction));
  if (isUnknown(rules)) {
    return [
      {
        direction,
        protocol: rules,
        fromPort: rules,
        toPort: rules,
        cidrs: [rules],
        groups: [],
        self: false,
        prefixLists: [],
        label: direction,
      },
    ];
  }
  return rules.filter(isDict).map((rule, index) => ({
    direction,
    protocol: protocolOf(rule.protocol),
    fromPort: asNumber(rule.fromPort),
    toPort: asNumber(rule.toPort),
    cidrs: [...texts(rule.cidrBlocks), ...texts(rule.ipv6CidrBlocks)],
    groups: [...(Array.isArray(rule.securityGroups) ? (rule.securityGroups as unknown[]) : [])],
    self: rule.self === true,
    prefixLists: Array.isArray(rule.prefixListIds) ? (rule.prefixListIds as unknown[]) : [],
    label: `${direction}[${index}]`,
  }));
}

/** Every rule a resource declares (empty for resources that are not security-group related). */
export function rulesOf(resource: PlanResource): RuleFacts[] {
  const inputs = resource.inputs;
  switch (resource.type) {
    case T.ingressRule:
    case T.egressRule: {
      const cidrs = [at(inputs, 'cidrIpv4'), at(inputs, 'cidrIpv6')].filter(
        (c): c is string | Unknown => typeof c === 'string' || isUnknown(c),
      );
      const group = at(inputs, 'referencedSecurityGroupId');
      const prefix = at(inputs, 'prefixListId');
      return [
        {
          direction: resource.type === T.ingressRule ? 'ingress' : 'egress',
          protocol: protocolOf(at(inputs, 'ipProtocol')),
          fromPort: asNumber(at(inputs, 'fromPort')),
          toPort: asNumber(at(inputs, 'toPort')),
          cidrs,
          groups: group === undefined ? [] : [group],
          self: false,
          prefixLists: prefix === undefined ? [] : [prefix],
          label: 'rule',
          groupProp: 'securityGroupId',
        },
      ];
    }
    case T.securityGroupRule: {
      const type = at(inputs, 'type');
      const source = at(inputs, 'sourceSecurityGroupId');
      return [
        {
          direction: type === 'egress' ? 'egress' : 'ingress',
          protocol: protocolOf(at(inputs, 'protocol')),
          fromPort: asNumber(at(inputs, 'fromPort')),
          toPort: asNumber(at(inputs, 'toPort')),
          cidrs: [...texts(at(inputs, 'cidrBlocks')), ...texts(at(inputs, 'ipv6CidrBlocks'))],
          groups: source === undefined ? [] : [source],
          self: at(inputs, 'self') === true,
          prefixLists: texts(at(inputs, 'prefixListIds')),
          label: 'rule',
          groupProp: 'securityGroupId',
        },
      ];
    }
    case T.securityGroup:
    case T.defaultSecurityGroup:
      return [...inlineRules(resource, 'ingress'), ...inlineRules(resource, 'egress')];
    default:
      return [];
  }
}

/** The port range a rule opens, or undefined when it is not known. */
export function portRange(rule: RuleFacts): [number, number] | undefined {
  if (isUnknown(rule.protocol)) return undefined;
  if (rule.protocol === 'all') return [0, 65535];
  if (isUnknown(rule.fromPort) || isUnknown(rule.toPort)) return undefined;
  const from = rule.fromPort ?? 0;
  const to = rule.toPort ?? 65535;
  // ICMP uses the port fields for type/code; treat it as opening no TCP/UDP port.
  if (rule.protocol === 'icmp' || rule.protocol === 'icmpv6' || rule.protocol === '1')
    return undefined;
  return from < 0 ? [0, 65535] : [from, to];
}

export function describePorts(rule: RuleFacts): string {
  if (rule.protocol === 'all') return 'all protocols and ports';
  const range = portRange(rule);
  if (!range) return `${String(rule.protocol)} ports (unknown)`;
  const [from, to] = range;
  return from === to
    ? `${String(rule.protocol)}/${from}`
    : `${String(rule.protocol)}/${from}-${to}`;
}

/** Exactly TCP 443. */
export function isHttpsOnly(rule: RuleFacts): boolean {
  const range = portRange(rule);
  return rule.protocol === 'tcp' && range !== undefined && range[0] === 443 && range[1] === 443;
}
