import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { childName, SettingsCheck, standardTags } from '@phi-platform/core';
import { TrafficGroup } from '@phi-platform/networking';
import { TLS_PORT } from './container-definition';

/** The listener policy every checker accepts: TLS 1.3 and 1.2 with forward-secret ciphers. */
export const INGRESS_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

const ACM_CERTIFICATE_ARN = /^arn:[a-z-]+:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;

export interface HttpsIngressArgs {
  readonly vpcId: pulumi.Input<string>;
  /** Public subnets in at least two zones. */
  readonly publicSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** ACM certificate (ARN) for the 443 listener, in this region. Required. */
  readonly certificateArn: pulumi.Input<string>;
  /**
   * Deployment environment: deletion protection is on everywhere except `dev`.
   * @default 'dev'
   */
  readonly environment?: string;
  /**
   * S3 bucket (SSE-S3, with the ELB log-delivery bucket policy) for access logs.
   * @default none: no access logs, and a warning
   */
  readonly accessLogs?: { readonly bucket: pulumi.Input<string>; readonly prefix?: string };
  /**
   * Security groups of the targets, by rule name: egress 443 to each. More can be added later
   * with `allowTrafficTo`, which breaks the ingress <-> service reference cycle.
   * @default {}
   */
  readonly targetSecurityGroupIds?: Readonly<Record<string, pulumi.Input<string>>>;
  /** Path of the HTTPS health check on the targets. @default '/health' */
  readonly healthCheckPath?: string;
  /** AWS WAF web ACL (ARN) to associate. @default none, with a warning */
  readonly webAclArn?: pulumi.Input<string>;
}

/**
 * An internet-facing Application Load Balancer that speaks only HTTPS: one 443 listener with an
 * ACM certificate, and a target group that speaks HTTPS to the tasks on 443.
 */
export class HttpsIngress extends pulumi.ComponentResource {
  public readonly loadBalancerArn: pulumi.Output<string>;
  public readonly dnsName: pulumi.Output<string>;
  public readonly zoneId: pulumi.Output<string>;
  public readonly securityGroupId: pulumi.Output<string>;
  public readonly targetGroupArn: pulumi.Output<string>;
  public readonly listenerArn: pulumi.Output<string>;
  private readonly trafficGroup: TrafficGroup;

  constructor(name: string, args: HttpsIngressArgs, opts?: pulumi.ComponentResourceOptions) {
    super('phi-platform:compute:HttpsIngress', name, {}, opts);

    const environment = args.environment ?? 'dev';
    const healthCheckPath = args.healthCheckPath ?? '/health';
    const check = new SettingsCheck(`HttpsIngress "${name}"`);
    const cert: unknown = args.certificateArn;
    check.require(cert !== undefined && cert !== null && cert !== '', {
      setting: 'certificateArn',
      value: cert === '' ? '' : undefined,
      allowed: 'the ARN of an ACM certificate in this region (the 443 listener needs one)',
    });
    if (typeof cert === 'string' && cert !== '') {
      check.require(ACM_CERTIFICATE_ARN.test(cert), {
        setting: 'certificateArn',
        value: cert,
        allowed: 'arn:<partition>:acm:<region>:<account>:certificate/<id>',
      });
    }
    check.require(/^\/\S*$/.test(healthCheckPath), {
      setting: 'healthCheckPath',
      value: healthCheckPath,
      allowed: 'a URL path starting with /, without spaces',
    });
    for (const key of Object.keys(args.targetSecurityGroupIds ?? {})) {
      check.require(/^[a-z0-9][a-z0-9-]*$/.test(key), {
        setting: `targetSecurityGroupIds.${key}`,
        value: key,
        allowed: 'a rule name of lower-case letters, digits and hyphens',
      });
    }
    check.throwIfAny();

    const tags = standardTags({ environment, component: 'HttpsIngress' });

    this.trafficGroup = new TrafficGroup(
      childName(name, 'traffic'),
      {
        vpcId: args.vpcId,
        description: `HttpsIngress ${name}: HTTPS from the internet`,
        environment,
      },
      { parent: this },
    );
    // The platform's only 0.0.0.0/0 ingress, and on 443 alone.
    this.trafficGroup.allowInternetHttps('internet');
    for (const [rule, securityGroupId] of Object.entries(args.targetSecurityGroupIds ?? {})) {
      this.allowTrafficTo(rule, securityGroupId);
    }

    if (!args.accessLogs) {
      void pulumi.log.warn(
        `HttpsIngress "${name}": no accessLogs bucket, requests are not logged`,
        this,
      );
    }
    if (!args.webAclArn) {
      void pulumi.log.warn(`HttpsIngress "${name}": no webAclArn, no AWS WAF in front of it`, this);
    }

    const loadBalancer = new aws.lb.LoadBalancer(
      childName(name, 'alb'),
      {
        loadBalancerType: 'application',
        internal: false,
        subnets: args.publicSubnetIds,
        securityGroups: [this.trafficGroup.securityGroupId],
        dropInvalidHeaderFields: true,
        desyncMitigationMode: 'defensive',
        enableDeletionProtection: environment !== 'dev',
        ...(args.accessLogs
          ? {
              accessLogs: {
                enabled: true,
                bucket: args.accessLogs.bucket,
                ...(args.accessLogs.prefix ? { prefix: args.accessLogs.prefix } : {}),
              },
            }
          : {}),
        tags,
      },
      { parent: this },
    );

    const targetGroup = new aws.lb.TargetGroup(
      childName(name, 'targets'),
      {
        vpcId: args.vpcId,
        protocol: 'HTTPS',
        port: TLS_PORT,
        targetType: 'ip',
        healthCheck: {
          enabled: true,
          protocol: 'HTTPS',
          port: 'traffic-port',
          path: healthCheckPath,
          matcher: '200-399',
        },
        tags,
      },
      { parent: this },
    );

    // No port-80 listener at all: nothing plaintext to redirect or to leave open.
    const listener = new aws.lb.Listener(
      childName(name, 'https'),
      {
        loadBalancerArn: loadBalancer.arn,
        port: TLS_PORT,
        protocol: 'HTTPS',
        certificateArn: args.certificateArn,
        sslPolicy: INGRESS_SSL_POLICY,
        defaultActions: [{ type: 'forward', targetGroupArn: targetGroup.arn }],
        tags,
      },
      { parent: this },
    );

    if (args.webAclArn) {
      new aws.wafv2.WebAclAssociation(
        childName(name, 'waf'),
        { resourceArn: loadBalancer.arn, webAclArn: args.webAclArn },
        { parent: this },
      );
    }

    this.loadBalancerArn = loadBalancer.arn;
    this.dnsName = loadBalancer.dnsName;
    this.zoneId = loadBalancer.zoneId;
    this.securityGroupId = this.trafficGroup.securityGroupId;
    this.targetGroupArn = targetGroup.arn;
    this.listenerArn = listener.arn;
    this.registerOutputs({
      loadBalancerArn: this.loadBalancerArn,
      dnsName: this.dnsName,
      zoneId: this.zoneId,
      securityGroupId: this.securityGroupId,
      targetGroupArn: this.targetGroupArn,
      listenerArn: this.listenerArn,
    });
  }

  /** Egress 443 from the load balancer to a target's security group. */
  public allowTrafficTo(ruleName: string, securityGroupId: pulumi.Input<string>): void {
    this.trafficGroup.allowTo(`to-${ruleName}`, {
      destinationSecurityGroupId: securityGroupId,
      port: TLS_PORT,
      description: `HTTPS to targets ${ruleName}`,
    });
  }
}
