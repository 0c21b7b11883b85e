import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { childName, standardTags } from '@phi-platform/core';
import { GeneratedSecret } from '@phi-platform/crypto';
import { TrafficGroup } from '@phi-platform/networking';
import { allowedSourceEntries } from './allowed-sources';
import { RedisCacheArgs, RedisCacheSettings, resolveRedisCacheSettings } from './redis-cache-args';

export const REDIS_PORT = 6379;

/** The log types ElastiCache can deliver, each to its own group. */
export const CACHE_LOG_TYPES = ['slow-log', 'engine-log'] as const;

/** The CloudWatch log group of one log type of a replication group. */
export function cacheLogGroupName(replicationGroupId: string, logType: string): string {
  return `/aws/elasticache/${replicationGroupId}/${logType}`;
}

/**
 * An ElastiCache (Valkey or Redis OSS) replication group for PHI: encrypted at rest with the
 * platform key, TLS required in transit, an AUTH token generated into Secrets Manager, Multi-AZ
 * failover when it has replicas, snapshots kept, logs in encrypted groups, and reachable only
 * from named security groups.
 */
export class RedisCache extends pulumi.ComponentResource {
  /** Address of the primary node (writes). */
  public readonly primaryEndpoint: pulumi.Output<string>;
  /** Address that spreads reads over the replicas. */
  public readonly readerEndpoint: pulumi.Output<string>;
  public readonly port: pulumi.Output<number>;
  /** The Secrets Manager secret holding the AUTH token. */
  public readonly authSecretArn: pulumi.Output<string>;
  public readonly securityGroupId: pulumi.Output<string>;
  public readonly replicationGroupId: pulumi.Output<string>;
  public readonly replicationGroupArn: pulumi.Output<string>;
  public readonly settings: RedisCacheSettings;

  constructor(name: string, args: RedisCacheArgs, opts?: pulumi.ComponentResourceOptions) {
    super('phi-platform:data:RedisCache', name, {}, opts);
    const settings = resolveRedisCacheSettings(name, args, pulumi.getStack());
    this.settings = settings;
    const id = settings.replicationGroupId;
    const tags = standardTags({ environment: settings.environment, component: 'data' });

    const logGroups = CACHE_LOG_TYPES.map(
      (logType) =>
        new aws.cloudwatch.LogGroup(
          childName(name, logType),
          {
            name: cacheLogGroupName(id, logType),
            kmsKeyId: args.kmsKeyArn,
            retentionInDays: settings.logRetentionDays,
            tags,
          },
          { parent: this },
        ),
    );

    const subnetGroup = new aws.elasticache.SubnetGroup(
      childName(name, 'subnets'),
      { name: id, description: `Isolated subnets of cache ${id}`, subnetIds: args.subnetIds, tags },
      { parent: this },
    );

    // A group of our own (family in the name, so an engine upgrade creates a new one beside the
    // old) lets parameters change later without touching the default group.
    const parameterGroup = new aws.elasticache.ParameterGroup(
      childName(name, 'params'),
      {
        name: `${id}-${settings.family}`,
        family: settings.family,
        description: `Parameters of cache ${id}`,
        tags,
      },
      { parent: this },
    );

    const traffic = new TrafficGroup(
      childName(name, 'traffic'),
      {
        vpcId: args.vpcId,
        description: `Cache ${id}: 6379 from named security groups only`,
        environment: settings.environment,
      },
      { parent: this },
    );
    for (const [key, sourceId] of allowedSourceEntries(args.allowedSecurityGroupIds)) {
      traffic.allowFrom(`cache-from-${key}`, {
        sourceSecurityGroupId: sourceId,
        port: REDIS_PORT,
        description: `Cache clients from allowed source ${key}`,
      });
    }

    const authToken = new GeneratedSecret(
      childName(name, 'auth-token'),
      {
        kmsKeyArn: args.kmsKeyArn,
        preset: 'elasticache-auth-token',
        ...(settings.authTokenLength === undefined ? {} : { length: settings.authTokenLength }),
        ...(settings.authTokenAlphabet === undefined
          ? {}
          : { alphabet: settings.authTokenAlphabet }),
        description: `AUTH token of cache ${id}`,
      },
      { parent: this },
    );

    const group = new aws.elasticache.ReplicationGroup(
      childName(name, 'group'),
      {
        replicationGroupId: id,
        description: `PHI cache ${id} (${settings.engine})`,
        engine: settings.engine,
        engineVersion: args.engineVersion,
        nodeType: settings.nodeType,
        numCacheClusters: settings.nodeCount,
        port: REDIS_PORT,
        parameterGroupName: parameterGroup.name,
        subnetGroupName: subnetGroup.name,
        securityGroupIds: [traffic.securityGroupId],
        atRestEncryptionEnabled: true,
        kmsKeyId: args.kmsKeyArn,
        transitEncryptionEnabled: true,
        transitEncryptionMode: 'required',
        authToken: pulumi.secret(authToken.value),
        // ROTATE keeps the old token valid while clients pick up a new one.
        authTokenUpdateStrategy: 'ROTATE',
        automaticFailoverEnabled: settings.automaticFailover,
        multiAzEnabled: settings.automaticFailover,
        autoMinorVersionUpgrade: true,
        snapshotRetentionLimit: settings.snapshotRetentionDays,
        snapshotWindow: settings.snapshotWindow,
        maintenanceWindow: settings.maintenanceWindow,
        logDeliveryConfigurations: CACHE_LOG_TYPES.map((logType, index) => ({
          destination: logGroups[index]!.name,
          destinationType: 'cloudwatch-logs',
          logFormat: 'json',
          logType,
        })),
        tags,
      },
      { parent: this, dependsOn: logGroups },
    );

    this.primaryEndpoint = group.primaryEndpointAddress;
    this.readerEndpoint = group.readerEndpointAddress;
    this.port = group.port.apply((port) => port ?? REDIS_PORT);
    this.authSecretArn = authToken.secretArn;
    this.securityGroupId = traffic.securityGroupId;
    this.replicationGroupId = group.replicationGroupId;
    this.replicationGroupArn = group.arn;

    this.registerOutputs({
      primaryEndpoint: this.primaryEndpoint,
      readerEndpoint: this.readerEndpoint,
      port: this.port,
      authSecretArn: this.authSecretArn,
      securityGroupId: this.securityGroupId,
      replicationGroupId: this.replicationGroupId,
      replicationGroupArn: this.replicationGroupArn,
    });
  }
}
