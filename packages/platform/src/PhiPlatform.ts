import { childName, physicalName } from '@phi-platform/core';
import { HttpsIngress, ServiceCluster, TlsService } from '@phi-platform/compute';
import { EncryptionKey } from '@phi-platform/crypto';
import { AuroraPostgres, RedisCache } from '@phi-platform/data';
import { Network, ZONE_FILTERS } from '@phi-platform/networking';
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { AccessLogBucket } from './AccessLogBucket';
import { PublicCertificate } from './PublicCertificate';
import { ECS_MANAGED_TAG, ServiceConnectAuthority } from './ServiceConnectAuthority';
import { PlatformSettings } from './settings';
import { WebFirewall } from './WebFirewall';

/** The database user the service connects as, through IAM database authentication. */
export const APP_DB_USER = 'app';

export interface PhiPlatformArgs {
  /** The environment's checked settings (`loadSettings()`). */
  readonly settings: PlatformSettings;
  /**
   * Zones to use: `settings.zoneCount`, capped to what the region offers. `PhiPlatform.create`
   * looks this up; pass it only when you know the region.
   * @default settings.zoneCount
   */
  readonly zoneCount?: number;
}

/**
 * One whole environment of the platform: the key, the network, Aurora PostgreSQL and the cache,
 * an ECS cluster with a TLS service that uses both (through Secrets Manager and IAM database
 * authentication), Service Connect TLS from a Private CA, and the HTTPS ingress when enabled.
 */
export class PhiPlatform extends pulumi.ComponentResource {
  public readonly key: EncryptionKey;
  public readonly network: Network;
  public readonly database: AuroraPostgres;
  public readonly cache: RedisCache;
  public readonly cluster: ServiceCluster;
  public readonly service: TlsService;
  public readonly ingress?: HttpsIngress;
  /** The Private CA behind Service Connect TLS (given, or created here). */
  public readonly certificateAuthorityArn: pulumi.Output<string>;
  /** The ACM certificate of the ingress, when there is one. */
  public readonly certificateArn?: pulumi.Output<string>;
  /** `https://<domainName>` when the ingress is enabled. */
  public readonly url?: pulumi.Output<string>;

  /**
   * Looks up how many zones the region offers (the same filter as `Network`), caps
   * `settings.zoneCount` to it with a warning, and builds the platform. This is what lets the
   * same committed settings plan in a region with fewer zones (us-west-1 has two).
   */
  public static async create(
    name: string,
    settings: PlatformSettings,
    opts?: pulumi.ComponentResourceOptions,
  ): Promise<PhiPlatform> {
    const zones = await aws.getAvailabilityZones(
      { state: 'available', filters: ZONE_FILTERS },
      opts?.provider ? { provider: opts.provider } : {},
    );
    return new PhiPlatform(
      name,
      { settings, zoneCount: Math.min(settings.zoneCount, zones.names.length) },
      opts,
    );
  }

  constructor(name: string, args: PhiPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super('phi-platform:platform:PhiPlatform', name, {}, opts);
    const s = args.settings;
    const environment = s.environment;
    const zoneCount = args.zoneCount ?? s.zoneCount;
    if (zoneCount < s.zoneCount) {
      void pulumi.log.warn(
        `zoneCount ${s.zoneCount} asked, but ${s.region} offers ${zoneCount} zones: using ${zoneCount}`,
        this,
      );
    }

    this.key = new EncryptionKey(
      childName(name, 'key'),
      { environment, description: `phi-platform ${environment}: data, logs, secrets, TLS keys` },
      { parent: this },
    );
    const kmsKeyArn = this.key.keyArn;

    this.network = new Network(
      childName(name, 'network'),
      {
        cidrBlock: s.cidrBlock,
        zoneCount,
        natGateways: s.natGateways,
        flowLogKmsKeyArn: kmsKeyArn,
        flowLogRetentionDays: s.logRetentionDays,
        environment,
      },
      { parent: this },
    );

    // The service's security group is needed by the data stores (who may connect) before the
    // service exists (it needs their secrets): a deferred output closes that loop.
    const [appSecurityGroupId, resolveAppSecurityGroupId] = pulumi.deferredOutput<string>();
    this.database = new AuroraPostgres(
      childName(name, 'db'),
      {
        vpcId: this.network.vpcId,
        subnetIds: this.network.isolatedSubnetIds,
        engineVersion: s.database.engineVersion,
        kmsKeyArn,
        allowedSecurityGroupIds: { app: appSecurityGroupId },
        backupRetentionDays: s.backupRetentionDays,
        ...(s.database.serverlessCapacity
          ? {
              serverless: {
                minCapacity: s.database.serverlessCapacity.min,
                maxCapacity: s.database.serverlessCapacity.max,
                readers: s.database.readers,
              },
            }
          : {
              instances: { instanceClass: s.database.instanceClass, readers: s.database.readers },
            }),
        deletionProtection: s.deletionProtection,
        logRetentionDays: s.logRetentionDays,
        environment,
      },
      { parent: this },
    );
    this.cache = new RedisCache(
      childName(name, 'cache'),
      {
        vpcId: this.network.vpcId,
        subnetIds: this.network.isolatedSubnetIds,
        kmsKeyArn,
        engine: s.cache.engine,
        engineVersion: s.cache.engineVersion,
        nodeType: s.cache.nodeType,
        nodeCount: s.cache.nodes,
        automaticFailover: s.cache.failover,
        allowedSecurityGroupIds: { app: appSecurityGroupId },
        logRetentionDays: s.logRetentionDays,
        environment,
      },
      { parent: this },
    );

    // Physical ECS names carry the environment: cluster names, Cloud Map namespaces, task
    // definition families and log groups are unique per account and region, so two
    // environments in one account and region would otherwise collide.
    const clusterName = physicalName([name, environment, 'ecs'], 255);
    this.cluster = new ServiceCluster(
      childName(name, 'ecs'),
      {
        kmsKeyArn,
        clusterName,
        namespaceName: `${environment}.${name}.internal`,
        logRetentionDays: s.logRetentionDays,
        environment,
      },
      { parent: this },
    );
    if (s.privateCaArn !== undefined) {
      // Tags of a CA made elsewhere cannot be read offline; without this one ECS cannot issue.
      void pulumi.log.warn(
        `privateCaArn ${s.privateCaArn}: the CA must carry the tag ${ECS_MANAGED_TAG} = "true", ` +
          'or ECS cannot issue Service Connect certificates from it',
        this,
      );
    }
    this.certificateAuthorityArn =
      s.privateCaArn !== undefined
        ? pulumi.output(s.privateCaArn)
        : new ServiceConnectAuthority(
            childName(name, 'service-connect'),
            { environment, protect: s.deletionProtection },
            { parent: this },
          ).certificateAuthorityArn;

    if (s.ingress.enabled) {
      this.certificateArn =
        s.certificateArn !== undefined
          ? pulumi.output(s.certificateArn)
          : new PublicCertificate(
              childName(name, 'public'),
              {
                domainName: s.ingress.domainName ?? '',
                hostedZoneId: s.ingress.hostedZoneId ?? '',
                environment,
              },
              { parent: this },
            ).certificateArn;
      const accessLogs = new AccessLogBucket(
        childName(name, 'alb-logs'),
        { prefix: 'alb', retentionDays: s.logRetentionDays, environment },
        { parent: this },
      );
      const firewall = new WebFirewall(
        childName(name, 'waf'),
        { kmsKeyArn, logRetentionDays: s.logRetentionDays, environment },
        { parent: this },
      );
      this.ingress = new HttpsIngress(
        childName(name, 'ingress'),
        {
          vpcId: this.network.vpcId,
          publicSubnetIds: this.network.publicSubnetIds,
          certificateArn: this.certificateArn,
          accessLogs: { bucket: accessLogs.bucketName, prefix: 'alb' },
          webAclArn: firewall.webAclArn,
          environment,
        },
        { parent: this },
      );
    }

    // TlsService names its task definition family and log groups after the component (it has
    // no argument for them), so the component name carries the environment; the alias keeps
    // the URNs of stacks created under the old name.
    const serviceComponentName = childName(name, `${environment}-app`);
    this.service = new TlsService(
      serviceComponentName,
      {
        clusterArn: this.cluster.clusterArn,
        namespaceArn: this.cluster.namespaceArn,
        vpcId: this.network.vpcId,
        subnetIds: this.network.privateSubnetIds,
        image: s.service.image,
        cpu: s.service.cpu,
        memory: s.service.memory,
        desiredCount: s.service.desiredCount,
        kmsKeyArn,
        certificateAuthorityArn: this.certificateAuthorityArn,
        // The cache AUTH token is the only injected secret. The database is reached as its own
        // user through IAM authentication (the task role's connect statement): the master
        // secret would make every task a superuser and its rotation would not reach running
        // tasks, so it stays with operators.
        secrets: { CACHE_AUTH_TOKEN: this.cache.authSecretArn },
        // Where to connect is not secret; how to authenticate comes through `secrets` and IAM.
        environment: {
          PHI_ENVIRONMENT: environment,
          DATABASE_HOST: this.database.endpoint,
          DATABASE_READER_HOST: this.database.readerEndpoint,
          DATABASE_PORT: this.database.port.apply(String),
          DATABASE_USER: APP_DB_USER,
          DATABASE_SSLMODE: 'verify-full',
          CACHE_HOST: this.cache.primaryEndpoint,
          CACHE_PORT: this.cache.port.apply(String),
        },
        taskRoleStatements: [this.database.connectStatement(APP_DB_USER)],
        allowedSecurityGroupIds: this.ingress ? [this.ingress.securityGroupId] : [],
        egress: {
          endpointSecurityGroupId: this.network.endpointSecurityGroupId,
          // ECR serves image layers from S3, reached through the gateway endpoint, not a NAT.
          prefixListIds: { s3: this.network.s3PrefixListId },
          securityGroups: {
            database: { securityGroupId: this.database.securityGroupId, port: 5432 },
            cache: { securityGroupId: this.cache.securityGroupId, port: 6379 },
          },
        },
        ...(this.ingress ? { targetGroupArn: this.ingress.targetGroupArn } : {}),
        logRetentionDays: s.logRetentionDays,
        platformEnvironment: environment,
        // Clients inside the namespace keep calling the service by its old, stable name.
        discoveryName: childName(name, 'app'),
      },
      { parent: this, aliases: [{ name: childName(name, 'app') }] },
    );
    resolveAppSecurityGroupId(this.service.securityGroupId);

    if (this.ingress) {
      this.ingress.allowTrafficTo('app', this.service.securityGroupId);
      if (s.ingress.hostedZoneId !== undefined && s.ingress.domainName !== undefined) {
        new aws.route53.Record(
          childName(name, 'dns'),
          {
            zoneId: s.ingress.hostedZoneId,
            name: s.ingress.domainName,
            type: 'A',
            aliases: [
              {
                name: this.ingress.dnsName,
                zoneId: this.ingress.zoneId,
                evaluateTargetHealth: true,
              },
            ],
          },
          { parent: this },
        );
        this.url = pulumi.output(`https://${s.ingress.domainName}`);
      }
    }

    this.registerOutputs(this.stackOutputs());
  }

  /**
   * What operators and other stacks need, none of it secret: ids, endpoints and ARNs (the
   * secrets' ARNs, never their values).
   */
  public stackOutputs(): Record<string, pulumi.Output<unknown>> {
    const outputs: Record<string, pulumi.Output<unknown>> = {
      vpcId: this.network.vpcId,
      vpcCidrBlock: this.network.vpcCidrBlock,
      availabilityZones: this.network.availabilityZones,
      publicSubnetIds: this.network.publicSubnetIds,
      privateSubnetIds: this.network.privateSubnetIds,
      isolatedSubnetIds: this.network.isolatedSubnetIds,
      keyArn: this.key.keyArn,
      keyAliasName: this.key.aliasName,
      databaseClusterArn: this.database.clusterArn,
      databaseEndpoint: this.database.endpoint,
      databaseReaderEndpoint: this.database.readerEndpoint,
      databasePort: this.database.port,
      databaseMasterSecretArn: this.database.masterSecretArn,
      databaseSecurityGroupId: this.database.securityGroupId,
      cachePrimaryEndpoint: this.cache.primaryEndpoint,
      cacheReaderEndpoint: this.cache.readerEndpoint,
      cachePort: this.cache.port,
      cacheAuthSecretArn: this.cache.authSecretArn,
      cacheSecurityGroupId: this.cache.securityGroupId,
      ecsClusterArn: this.cluster.clusterArn,
      serviceConnectNamespaceArn: this.cluster.namespaceArn,
      serviceArn: this.service.serviceArn,
      serviceLogGroupName: this.service.logGroupName,
      serviceConnectCertificateAuthorityArn: this.certificateAuthorityArn,
    };
    if (this.ingress) {
      outputs.loadBalancerDnsName = this.ingress.dnsName;
      outputs.loadBalancerArn = this.ingress.loadBalancerArn;
    }
    if (this.certificateArn) outputs.certificateArn = this.certificateArn;
    if (this.url) outputs.url = this.url;
    return outputs;
  }
}
