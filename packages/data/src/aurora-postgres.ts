import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import {
  awsContext,
  AwsContext,
  childName,
  PolicyStatement,
  standardTags,
} from '@phi-platform/core';
import { GeneratedSecret } from '@phi-platform/crypto';
import { TrafficGroup } from '@phi-platform/networking';
import { allowedSourceEntries } from './allowed-sources';
import {
  AuroraPostgresArgs,
  AuroraPostgresSettings,
  resolveAuroraPostgresSettings,
} from './aurora-postgres-args';
import { checkDbUser, rdsConnectStatement } from './connect-statement';
import { finalSnapshotIdentifier } from './identifiers';

export const POSTGRES_PORT = 5432;

/** A current RDS certificate authority; older CAs expire and break verified TLS connections. */
export const RDS_CA_CERT_IDENTIFIER = 'rds-ca-rsa2048-g1';

/**
 * The cluster parameters that make TLS mandatory and log every connection. TLS settings wait
 * for a reboot so that a change never drops live connections mid-transaction.
 */
export function auroraClusterParameters(): { name: string; value: string; applyMethod: string }[] {
  return [
    { name: 'rds.force_ssl', value: '1', applyMethod: 'pending-reboot' },
    { name: 'ssl_min_protocol_version', value: 'TLSv1.2', applyMethod: 'pending-reboot' },
    { name: 'log_connections', value: '1', applyMethod: 'immediate' },
    { name: 'log_disconnections', value: '1', applyMethod: 'immediate' },
    { name: 'log_statement', value: 'ddl', applyMethod: 'immediate' },
    { name: 'log_min_duration_statement', value: '5000', applyMethod: 'immediate' },
  ];
}

/** The log group RDS writes `postgresql` exports to; it must exist before the cluster. */
export function auroraLogGroupName(clusterIdentifier: string): string {
  return `/aws/rds/cluster/${clusterIdentifier}/postgresql`;
}

/**
 * An Aurora PostgreSQL cluster for PHI: encrypted with the platform key, TLS-only, IAM
 * authentication, 30+ days of backups, logs in pre-created encrypted groups, reachable only
 * from named security groups, and protected from deletion.
 */
export class AuroraPostgres extends pulumi.ComponentResource {
  public readonly clusterArn: pulumi.Output<string>;
  public readonly clusterIdentifier: pulumi.Output<string>;
  public readonly clusterResourceId: pulumi.Output<string>;
  public readonly endpoint: pulumi.Output<string>;
  public readonly readerEndpoint: pulumi.Output<string>;
  public readonly port: pulumi.Output<number>;
  /** The secret holding the master credentials (RDS-managed or generated). */
  public readonly masterSecretArn: pulumi.Output<string>;
  public readonly securityGroupId: pulumi.Output<string>;
  public readonly logGroupName: pulumi.Output<string>;
  public readonly parameterGroupName: pulumi.Output<string>;
  /** The resolved settings, defaults applied. */
  public readonly settings: AuroraPostgresSettings;

  private readonly context: pulumi.Output<AwsContext>;

  constructor(name: string, args: AuroraPostgresArgs, opts?: pulumi.ComponentResourceOptions) {
    super('phi-platform:data:AuroraPostgres', name, {}, opts);
    const settings = resolveAuroraPostgresSettings(name, args, pulumi.getStack());
    this.settings = settings;
    const id = settings.clusterIdentifier;
    const tags = standardTags({ environment: settings.environment, component: 'data' });
    this.context = awsContext({ parent: this });

    // Created first and depended on, so RDS never creates its own unencrypted, unexpiring group.
    const logGroup = new aws.cloudwatch.LogGroup(
      childName(name, 'postgresql-logs'),
      {
        name: auroraLogGroupName(id),
        kmsKeyId: args.kmsKeyArn,
        retentionInDays: settings.logRetentionDays,
        tags,
      },
      { parent: this },
    );

    const subnetGroup = new aws.rds.SubnetGroup(
      childName(name, 'subnets'),
      {
        name: id,
        description: `Isolated subnets of Aurora cluster ${id}`,
        subnetIds: args.subnetIds,
        tags,
      },
      { parent: this },
    );

    // The family is part of the name so a major upgrade creates the new group beside the old.
    const parameterGroup = new aws.rds.ClusterParameterGroup(
      childName(name, 'params'),
      {
        name: `${id}-${settings.family}`,
        family: settings.family,
        description: `TLS-only, connection logging: ${id}`,
        parameters: auroraClusterParameters(),
        tags,
      },
      { parent: this },
    );

    const traffic = new TrafficGroup(
      childName(name, 'traffic'),
      {
        vpcId: args.vpcId,
        description: `Aurora PostgreSQL ${id}: 5432 from named security groups only`,
        environment: settings.environment,
      },
      { parent: this },
    );
    for (const [key, sourceId] of allowedSourceEntries(args.allowedSecurityGroupIds)) {
      traffic.allowFrom(`postgres-from-${key}`, {
        sourceSecurityGroupId: sourceId,
        port: POSTGRES_PORT,
        description: `PostgreSQL from allowed source ${key}`,
      });
    }

    const generated =
      settings.masterPassword === 'generated'
        ? new GeneratedSecret(
            childName(name, 'master-password'),
            {
              kmsKeyArn: args.kmsKeyArn,
              preset: 'rds-master-password',
              description: `Master password of Aurora cluster ${id}`,
            },
            { parent: this },
          )
        : undefined;

    const snapshotSuffix = settings.skipFinalSnapshot
      ? undefined
      : new random.RandomId(
          childName(name, 'final-snapshot-suffix'),
          { byteLength: 4, keepers: { clusterIdentifier: id } },
          { parent: this },
        );

    const cluster = new aws.rds.Cluster(
      childName(name, 'cluster'),
      {
        clusterIdentifier: id,
        engine: 'aurora-postgresql',
        engineMode: 'provisioned',
        engineVersion: args.engineVersion,
        allowMajorVersionUpgrade: false,
        dbSubnetGroupName: subnetGroup.name,
        vpcSecurityGroupIds: [traffic.securityGroupId],
        dbClusterParameterGroupName: parameterGroup.name,
        port: POSTGRES_PORT,
        storageEncrypted: true,
        kmsKeyId: args.kmsKeyArn,
        backupRetentionPeriod: settings.backupRetentionDays,
        preferredBackupWindow: settings.preferredBackupWindow,
        preferredMaintenanceWindow: settings.preferredMaintenanceWindow,
        copyTagsToSnapshot: true,
        iamDatabaseAuthenticationEnabled: true,
        enabledCloudwatchLogsExports: ['postgresql'],
        deletionProtection: settings.deletionProtection,
        skipFinalSnapshot: settings.skipFinalSnapshot,
        finalSnapshotIdentifier: snapshotSuffix?.hex.apply((hex) =>
          finalSnapshotIdentifier(id, hex),
        ),
        masterUsername: settings.masterUsername,
        ...(generated
          ? { masterPassword: pulumi.secret(generated.value) }
          : { manageMasterUserPassword: true, masterUserSecretKmsKeyId: args.kmsKeyArn }),
        databaseName: args.databaseName,
        serverlessv2ScalingConfiguration: settings.serverless
          ? {
              minCapacity: settings.serverless.minCapacity,
              maxCapacity: settings.serverless.maxCapacity,
              secondsUntilAutoPause: settings.serverless.secondsUntilAutoPause,
            }
          : undefined,
        tags,
      },
      { parent: this, dependsOn: [logGroup] },
    );

    // The first instance becomes the writer; readers wait for it so the roles are predictable.
    const writer = this.instance(name, 1, cluster, subnetGroup, args, tags, []);
    for (let n = 2; n <= settings.readers + 1; n++) {
      this.instance(name, n, cluster, subnetGroup, args, tags, [writer]);
    }

    this.clusterArn = cluster.arn;
    this.clusterIdentifier = cluster.clusterIdentifier;
    this.clusterResourceId = cluster.clusterResourceId;
    this.endpoint = cluster.endpoint;
    this.readerEndpoint = cluster.readerEndpoint;
    this.port = cluster.port;
    this.masterSecretArn = generated
      ? generated.secretArn
      : cluster.masterUserSecrets.apply((secrets) => secrets?.[0]?.secretArn ?? '');
    this.securityGroupId = traffic.securityGroupId;
    this.logGroupName = logGroup.name;
    this.parameterGroupName = parameterGroup.name;

    this.registerOutputs({
      clusterArn: this.clusterArn,
      clusterIdentifier: this.clusterIdentifier,
      clusterResourceId: this.clusterResourceId,
      endpoint: this.endpoint,
      readerEndpoint: this.readerEndpoint,
      port: this.port,
      masterSecretArn: this.masterSecretArn,
      securityGroupId: this.securityGroupId,
      logGroupName: this.logGroupName,
      parameterGroupName: this.parameterGroupName,
    });
  }

  /**
   * The statement that lets a role connect as `dbUser` with IAM database authentication:
   * `rds-db:connect` on this cluster's resource id, in the deploying partition and region.
   */
  public connectStatement(dbUser: string, sid?: string): pulumi.Output<PolicyStatement> {
    checkDbUser(dbUser);
    return pulumi
      .all([this.context, this.clusterResourceId])
      .apply(([ctx, clusterResourceId]) =>
        rdsConnectStatement({ ctx, clusterResourceId, dbUser, ...(sid ? { sid } : {}) }),
      );
  }

  private instance(
    name: string,
    n: number,
    cluster: aws.rds.Cluster,
    subnetGroup: aws.rds.SubnetGroup,
    args: AuroraPostgresArgs,
    tags: Record<string, string>,
    dependsOn: pulumi.Resource[],
  ): aws.rds.ClusterInstance {
    const settings = this.settings;
    return new aws.rds.ClusterInstance(
      childName(name, `instance-${n}`),
      {
        identifier: `${settings.clusterIdentifier}-${n}`,
        clusterIdentifier: cluster.id,
        engine: 'aurora-postgresql',
        engineVersion: cluster.engineVersion,
        instanceClass: settings.instanceClass,
        dbSubnetGroupName: subnetGroup.name,
        publiclyAccessible: false,
        autoMinorVersionUpgrade: true,
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: args.kmsKeyArn,
        performanceInsightsRetentionPeriod: 7,
        caCertIdentifier: RDS_CA_CERT_IDENTIFIER,
        copyTagsToSnapshot: true,
        preferredMaintenanceWindow: settings.preferredMaintenanceWindow,
        promotionTier: n === 1 ? 0 : 1,
        tags,
      },
      { parent: this, dependsOn },
    );
  }
}
