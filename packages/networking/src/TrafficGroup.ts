import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { childName, SettingsCheck, standardTags } from '@phi-platform/core';
import { isWholeInternet, parseCidr } from './cidr';

export interface TrafficGroupArgs {
  /** The VPC the security group belongs to. */
  readonly vpcId: pulumi.Input<string>;
  /** What the group protects; AWS shows it to operators and it cannot change later. */
  readonly description: string;
  /**
   * Environment name for tags.
   * @default the Pulumi stack name
   */
  readonly environment?: string;
}

interface RuleBase {
  /** TCP port, the only one the rule opens. */
  readonly port: number;
  /** Why the traffic is allowed; required on every rule. */
  readonly description: string;
}

/** Ingress from another security group (preferred) or from a CIDR block inside the VPC. */
export type AllowFromArgs = RuleBase &
  (
    | { readonly sourceSecurityGroupId: pulumi.Input<string>; readonly cidrIpv4?: never }
    | { readonly cidrIpv4: pulumi.Input<string>; readonly sourceSecurityGroupId?: never }
  );

/** Egress to a security group, a managed prefix list (e.g. S3) or a CIDR block in the VPC. */
export type AllowToArgs = RuleBase &
  (
    | { readonly destinationSecurityGroupId: pulumi.Input<string> }
    | { readonly destinationPrefixListId: pulumi.Input<string> }
    | { readonly cidrIpv4: pulumi.Input<string> }
  );

/** What AWS accepts in security-group and rule descriptions. */
const DESCRIPTION_PATTERN = /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]{1,255}$/;
const DESCRIPTION_ALLOWED = '1 to 255 of a-z A-Z 0-9 space and . _-:/()#,@[]+=&;{}!$*';

/**
 * A security group with no inline rules. Every rule is its own resource, a child of this
 * component, opening one TCP port; the internet (`0.0.0.0/0`, `::/0`) can only be admitted
 * through {@link TrafficGroup.allowInternetHttps}.
 */
export class TrafficGroup extends pulumi.ComponentResource {
  public readonly securityGroupId: pulumi.Output<string>;

  private readonly componentName: string;
  private readonly ruleNames = new Set<string>();
  private readonly tags: Record<string, string>;

  constructor(name: string, args: TrafficGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super('phi-platform:networking:TrafficGroup', name, {}, opts);
    const check = new SettingsCheck(`TrafficGroup "${name}"`);
    checkDescription(check, 'description', args.description);
    check.throwIfAny();

    this.componentName = name;
    this.tags = standardTags({
      environment: args.environment ?? pulumi.getStack(),
      component: 'networking',
    });

    const group = new aws.ec2.SecurityGroup(
      childName(name, 'sg'),
      {
        vpcId: args.vpcId,
        description: args.description,
        // Rules live in separate resources; revoking first lets a group referenced by other
        // groups' rules be deleted instead of hanging on DependencyViolation.
        revokeRulesOnDelete: true,
        tags: { ...this.tags, Name: name },
      },
      { parent: this },
    );
    this.securityGroupId = group.id;

    this.registerOutputs({ securityGroupId: this.securityGroupId });
  }

  /** Admits TCP on `port` from a source security group or from a CIDR block (not the internet). */
  public allowFrom(ruleName: string, args: AllowFromArgs): aws.vpc.SecurityGroupIngressRule {
    const check = this.ruleCheck(ruleName, args);
    this.reserveName(check, ruleName);
    const hasGroup = args.sourceSecurityGroupId !== undefined;
    const hasCidr = args.cidrIpv4 !== undefined;
    check.require(hasGroup !== hasCidr, {
      setting: `${ruleName}: sourceSecurityGroupId | cidrIpv4`,
      value: { sourceSecurityGroupId: hasGroup, cidrIpv4: hasCidr },
      allowed: 'exactly one of the two',
    });
    if (typeof args.cidrIpv4 === 'string') checkCidr(check, `${ruleName}.cidrIpv4`, args.cidrIpv4);
    check.throwIfAny();

    return new aws.vpc.SecurityGroupIngressRule(
      childName(this.componentName, ruleName),
      {
        securityGroupId: this.securityGroupId,
        ipProtocol: 'tcp',
        fromPort: args.port,
        toPort: args.port,
        description: args.description,
        referencedSecurityGroupId: args.sourceSecurityGroupId,
        cidrIpv4: args.cidrIpv4 === undefined ? undefined : refuseInternet(args.cidrIpv4),
        tags: this.tags,
      },
      { parent: this },
    );
  }

  /** Lets TCP on `port` out to a security group, a prefix list or a CIDR block in the VPC. */
  public allowTo(ruleName: string, args: AllowToArgs): aws.vpc.SecurityGroupEgressRule {
    const check = this.ruleCheck(ruleName, args);
    this.reserveName(check, ruleName);
    const given = {
      destinationSecurityGroupId: 'destinationSecurityGroupId' in args,
      destinationPrefixListId: 'destinationPrefixListId' in args,
      cidrIpv4: 'cidrIpv4' in args,
    };
    check.require(Object.values(given).filter(Boolean).length === 1, {
      setting: `${ruleName}: destination`,
      value: given,
      allowed: 'exactly one of destinationSecurityGroupId, destinationPrefixListId, cidrIpv4',
    });
    const cidr = 'cidrIpv4' in args ? args.cidrIpv4 : undefined;
    if (typeof cidr === 'string') checkCidr(check, `${ruleName}.cidrIpv4`, cidr);
    check.throwIfAny();

    return new aws.vpc.SecurityGroupEgressRule(
      childName(this.componentName, ruleName),
      {
        securityGroupId: this.securityGroupId,
        ipProtocol: 'tcp',
        fromPort: args.port,
        toPort: args.port,
        description: args.description,
        referencedSecurityGroupId:
          'destinationSecurityGroupId' in args ? args.destinationSecurityGroupId : undefined,
        prefixListId: 'destinationPrefixListId' in args ? args.destinationPrefixListId : undefined,
        cidrIpv4: cidr === undefined ? undefined : refuseInternet(cidr),
        tags: this.tags,
      },
      { parent: this },
    );
  }

  /**
   * The one way to admit the internet: HTTPS (TCP 443) from `0.0.0.0/0` and `::/0`, for a
   * public load balancer. Creates `<ruleName>-ipv4` and `<ruleName>-ipv6`.
   */
  public allowInternetHttps(
    ruleName: string,
    description = 'HTTPS from the internet to the public load balancer',
  ): aws.vpc.SecurityGroupIngressRule[] {
    const check = this.ruleCheck(ruleName, { port: 443, description });
    for (const suffix of ['ipv4', 'ipv6']) this.reserveName(check, `${ruleName}-${suffix}`);
    check.throwIfAny();

    const common = {
      securityGroupId: this.securityGroupId,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      description,
      tags: this.tags,
    };
    return [
      new aws.vpc.SecurityGroupIngressRule(
        childName(this.componentName, `${ruleName}-ipv4`),
        { ...common, cidrIpv4: '0.0.0.0/0' },
        { parent: this },
      ),
      new aws.vpc.SecurityGroupIngressRule(
        childName(this.componentName, `${ruleName}-ipv6`),
        { ...common, cidrIpv6: '::/0' },
        { parent: this },
      ),
    ];
  }

  private ruleCheck(ruleName: string, args: RuleBase): SettingsCheck {
    const check = new SettingsCheck(`TrafficGroup "${this.componentName}" rule "${ruleName}"`);
    check.require(/^[a-z0-9][a-z0-9-]*$/.test(ruleName), {
      setting: 'ruleName',
      value: ruleName,
      allowed: 'lower-case letters, digits and hyphens',
    });
    check.require(Number.isInteger(args.port) && args.port >= 1 && args.port <= 65535, {
      setting: `${ruleName}.port`,
      value: args.port,
      allowed: 'one TCP port, a whole number from 1 to 65535',
    });
    checkDescription(check, `${ruleName}.description`, args.description);
    return check;
  }

  /** Rule resources are named after the rule, so two rules may not share a name. */
  private reserveName(check: SettingsCheck, ruleName: string): void {
    const free = check.require(!this.ruleNames.has(ruleName), {
      setting: 'ruleName',
      value: ruleName,
      allowed: 'a name not used by another rule of this group',
    });
    if (free) this.ruleNames.add(ruleName);
  }
}

function checkDescription(check: SettingsCheck, setting: string, value: unknown): void {
  check.require(typeof value === 'string' && DESCRIPTION_PATTERN.test(value), {
    setting,
    value,
    allowed: DESCRIPTION_ALLOWED,
    reason: 'every security group and rule must say why it exists',
  });
}

function checkCidr(check: SettingsCheck, setting: string, cidr: string): void {
  if (isWholeInternet(cidr)) {
    check.add({
      setting,
      value: cidr,
      allowed: 'a CIDR block inside the VPC; the internet only through allowInternetHttps()',
    });
    return;
  }
  try {
    parseCidr(cidr);
  } catch (err) {
    check.add({ setting, value: cidr, allowed: (err as Error).message });
  }
}

/** A CIDR known only at run time gets the same refusal of the internet as a literal one. */
function refuseInternet(cidr: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.output(cidr).apply((value) => {
    if (isWholeInternet(value)) {
      throw new Error(
        `TrafficGroup rule CIDR ${value} admits the whole internet; only allowInternetHttps() may`,
      );
    }
    return value;
  });
}
