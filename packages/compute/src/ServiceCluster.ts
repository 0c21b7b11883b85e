import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import {
  childName,
  DEFAULT_LOG_RETENTION_DAYS,
  isAllowedLogRetention,
  LOG_RETENTION_ALLOWED,
  physicalName,
  SettingsCheck,
  standardTags,
} from '@phi-platform/core';

export interface ServiceClusterArgs {
  /** The platform key (ARN): encrypts the cluster's log groups and ECS Exec sessions. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /**
   * Physical cluster name. It fixes the Container Insights log group name, which this component
   * creates first so it is encrypted and retained.
   * @default the component name
   */
  readonly clusterName?: string;
  /**
   * Name of the Cloud Map HTTP namespace used by Service Connect.
   * @default `<clusterName>.internal`
   */
  readonly namespaceName?: string;
  /**
   * Container Insights level.
   * @default 'enabled'
   */
  readonly containerInsights?: 'enabled' | 'enhanced';
  /**
   * Allow ECS Exec into tasks of this cluster. Sessions are encrypted with the key and logged
   * to an encrypted, retained log group. A service still has to opt in itself.
   * @default false
   */
  readonly allowExecuteCommand?: boolean;
  /**
   * Retention of the cluster's log groups, in days (CloudWatch values, at least 365).
   * @default 365
   */
  readonly logRetentionDays?: number;
  /** @default 'dev' */
  readonly environment?: string;
}

/**
 * An ECS cluster with Container Insights on, its Service Connect namespace as the default, and
 * (only when allowed) ECS Exec logged to an encrypted log group.
 */
export class ServiceCluster extends pulumi.ComponentResource {
  public readonly clusterArn: pulumi.Output<string>;
  public readonly clusterName: pulumi.Output<string>;
  public readonly namespaceArn: pulumi.Output<string>;
  public readonly namespaceId: pulumi.Output<string>;
  public readonly namespaceName: pulumi.Output<string>;
  public readonly containerInsightsLogGroupName: pulumi.Output<string>;
  /** Undefined unless `allowExecuteCommand`. */
  public readonly executeCommandLogGroupName: pulumi.Output<string | undefined>;

  constructor(name: string, args: ServiceClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super('phi-platform:compute:ServiceCluster', name, {}, opts);

    const retention = args.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
    const insights = args.containerInsights ?? 'enabled';
    const check = new SettingsCheck(`ServiceCluster "${name}"`);
    check.require(isAllowedLogRetention(retention), {
      setting: 'logRetentionDays',
      value: retention,
      allowed: LOG_RETENTION_ALLOWED,
    });
    check.require(insights === 'enabled' || insights === 'enhanced', {
      setting: 'containerInsights',
      value: insights,
      allowed: '"enabled" or "enhanced"',
    });
    check.require(
      args.clusterName === undefined || /^[a-zA-Z0-9_-]{1,255}$/.test(args.clusterName),
      {
        setting: 'clusterName',
        value: args.clusterName,
        allowed: 'letters, digits, - and _, at most 255 characters',
      },
    );
    check.throwIfAny();

    const clusterName = args.clusterName ?? physicalName([name], 255);
    const namespaceName = args.namespaceName ?? `${clusterName}.internal`;
    const tags = standardTags({
      environment: args.environment ?? 'dev',
      component: 'ServiceCluster',
    });
    const logGroup = (key: string, logGroupName: string): aws.cloudwatch.LogGroup =>
      new aws.cloudwatch.LogGroup(
        childName(name, key),
        { name: logGroupName, kmsKeyId: args.kmsKeyArn, retentionInDays: retention, tags },
        { parent: this },
      );

    // ECS would create this group itself, unencrypted and never expiring, on first metrics.
    const insightsLogs = logGroup(
      'container-insights',
      `/aws/ecs/containerinsights/${clusterName}/performance`,
    );
    const execLogs = args.allowExecuteCommand
      ? logGroup('exec', `/phi-platform/ecs/${clusterName}/exec`)
      : undefined;

    // An HTTP namespace: Service Connect resolves through its proxy, so no DNS zone exists
    // through which a client could reach a task around the proxy and its TLS.
    const namespace = new aws.servicediscovery.HttpNamespace(
      childName(name, 'namespace'),
      { name: namespaceName, description: `Service Connect namespace of ${clusterName}`, tags },
      { parent: this },
    );

    const cluster = new aws.ecs.Cluster(
      childName(name, 'cluster'),
      {
        name: clusterName,
        settings: [{ name: 'containerInsights', value: insights }],
        serviceConnectDefaults: { namespace: namespace.arn },
        ...(execLogs
          ? {
              configuration: {
                executeCommandConfiguration: {
                  kmsKeyId: args.kmsKeyArn,
                  logging: 'OVERRIDE',
                  logConfiguration: {
                    cloudWatchEncryptionEnabled: true,
                    cloudWatchLogGroupName: execLogs.name,
                  },
                },
              },
            }
          : {}),
        tags,
      },
      { parent: this, dependsOn: [insightsLogs] },
    );

    this.clusterArn = cluster.arn;
    this.clusterName = cluster.name;
    this.namespaceArn = namespace.arn;
    this.namespaceId = namespace.id;
    this.namespaceName = namespace.name;
    this.containerInsightsLogGroupName = insightsLogs.name;
    this.executeCommandLogGroupName = execLogs ? execLogs.name : pulumi.output(undefined);
    this.registerOutputs({
      clusterArn: this.clusterArn,
      clusterName: this.clusterName,
      namespaceArn: this.namespaceArn,
      namespaceId: this.namespaceId,
      namespaceName: this.namespaceName,
      containerInsightsLogGroupName: this.containerInsightsLogGroupName,
      executeCommandLogGroupName: this.executeCommandLogGroupName,
    });
  }
}
