import { childName, standardTags } from '@phi-platform/core';
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface WebFirewallArgs {
  /** ARN of the platform key, which encrypts the WAF log group. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /**
   * Days the WAF logs are kept (a CloudWatch value of at least 365).
   * @default 365
   */
  readonly logRetentionDays?: number;
  readonly environment: string;
}

/** AWS managed rule groups, in evaluation order: broad OWASP coverage, then known-bad inputs. */
const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesAmazonIpReputationList',
] as const;

/**
 * A regional AWS WAF web ACL for the public load balancer: AWS managed rule groups in front of
 * the application, and every request logged to a log group encrypted with the platform key.
 */
export class WebFirewall extends pulumi.ComponentResource {
  public readonly webAclArn: pulumi.Output<string>;
  public readonly logGroupName: pulumi.Output<string>;

  constructor(name: string, args: WebFirewallArgs, opts?: pulumi.ComponentResourceOptions) {
    super('phi-platform:platform:WebFirewall', name, {}, opts);
    const tags = standardTags({ environment: args.environment, component: 'WebFirewall' });
    const metric = (suffix: string) => ({
      cloudwatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: childName(name, suffix),
    });

    const acl = new aws.wafv2.WebAcl(
      childName(name, 'acl'),
      {
        scope: 'REGIONAL',
        defaultAction: { allow: {} },
        rules: MANAGED_RULE_GROUPS.map((group, index) => ({
          name: group,
          priority: index + 1,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: group } },
          visibilityConfig: metric(group),
        })),
        visibilityConfig: metric('acl'),
        tags,
      },
      { parent: this },
    );

    // WAF only writes to log groups whose name starts with `aws-waf-logs-`.
    const logGroup = new aws.cloudwatch.LogGroup(
      childName(name, 'logs'),
      {
        name: `aws-waf-logs-phi-${args.environment}-${name}`,
        kmsKeyId: args.kmsKeyArn,
        retentionInDays: args.logRetentionDays ?? 365,
        tags,
      },
      { parent: this },
    );
    new aws.wafv2.WebAclLoggingConfiguration(
      childName(name, 'logging'),
      { resourceArn: acl.arn, logDestinationConfigs: [logGroup.arn] },
      { parent: this },
    );

    this.webAclArn = acl.arn;
    this.logGroupName = logGroup.name;
    this.registerOutputs({ webAclArn: this.webAclArn, logGroupName: this.logGroupName });
  }
}
