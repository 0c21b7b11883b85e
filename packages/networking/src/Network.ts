import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { awsContext, childName, standardTags } from '@phi-platform/core';
import { endpointPolicy, endpointServiceName, INTERFACE_ENDPOINT_SERVICES } from './endpoints';
import { createFlowLog } from './network-flow-log';
import { NetworkArgs, resolveNetworkSettings } from './network-settings';
import { PlannedSubnet, SubnetTier } from './subnet-plan';
import { TrafficGroup } from './TrafficGroup';
import { lookupZones } from './zones';

export type { NetworkArgs } from './network-settings';

const ANYWHERE_IPV4 = '0.0.0.0/0';

/**
 * A VPC that keeps PHI off the internet: public, private and isolated subnets in every zone,
 * NAT for the private tier only, flow logs of all traffic into an encrypted log group, the
 * default security group emptied, and endpoints so AWS API calls stay inside the VPC.
 */
export class Network extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  public readonly vpcCidrBlock: pulumi.Output<string>;
  public readonly availabilityZones: pulumi.Output<string[]>;
  public readonly publicSubnetIds: pulumi.Output<string[]>;
  public readonly privateSubnetIds: pulumi.Output<string[]>;
  public readonly isolatedSubnetIds: pulumi.Output<string[]>;
  public readonly publicRouteTableIds: pulumi.Output<string[]>;
  public readonly privateRouteTableIds: pulumi.Output<string[]>;
  public readonly isolatedRouteTableIds: pulumi.Output<string[]>;
  public readonly endpointSecurityGroupId: pulumi.Output<string>;
  /**
   * The managed prefix list of the S3 gateway endpoint: egress to it on 443 is how tasks reach
   * S3 (ECR image layers) without a NAT.
   */
  public readonly s3PrefixListId: pulumi.Output<string>;
  public readonly flowLogGroupName: pulumi.Output<string>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super('phi-platform:networking:Network', name, {}, opts);
    const settings = resolveNetworkSettings(name, args, pulumi.getStack());
    const tags = standardTags({ environment: settings.environment, component: 'networking' });
    const named = (suffix: string): Record<string, string> => ({
      ...tags,
      Name: childName(name, suffix),
    });

    // Structure comes from plain config (zoneCount); only the zone names are looked up.
    const ctx = awsContext({ parent: this });
    const zones = pulumi.output(
      lookupZones(`Network "${name}"`, settings.zoneCount, { parent: this }),
    );

    const vpc = new aws.ec2.Vpc(
      childName(name, 'vpc'),
      {
        cidrBlock: args.cidrBlock,
        // Both are required for private DNS on interface endpoints.
        enableDnsSupport: true,
        enableDnsHostnames: true,
        tags: named('vpc'),
      },
      { parent: this },
    );
    const igw = new aws.ec2.InternetGateway(
      childName(name, 'igw'),
      { vpcId: vpc.id, tags: named('igw') },
      { parent: this },
    );

    const subnets = new Map<string, aws.ec2.Subnet>();
    for (const planned of settings.subnets) {
      subnets.set(planned.key, this.subnet(name, planned, vpc, zones, named(planned.key)));
    }
    const subnet = (tier: SubnetTier, zone: number): aws.ec2.Subnet =>
      subnets.get(`${tier}-${zone}`)!;
    const zoneIndexes = [...Array(settings.zoneCount).keys()];

    // Public: one table, the only one with a route to the internet gateway.
    const publicTable = this.routeTable(name, 'public', vpc, named('public'));
    new aws.ec2.Route(
      childName(name, 'public-default'),
      { routeTableId: publicTable.id, destinationCidrBlock: ANYWHERE_IPV4, gatewayId: igw.id },
      { parent: this },
    );
    for (const z of zoneIndexes)
      this.associate(name, `public-${z}`, subnet('public', z), publicTable);

    // NAT in the public subnet of its zone (every zone, or zone 0 only).
    const natZones = settings.natGateways === 'perZone' ? zoneIndexes : [0];
    const nats = natZones.map((z) => {
      const eip = new aws.ec2.Eip(
        childName(name, `nat-${z}`),
        { domain: 'vpc', tags: named(`nat-${z}`) },
        { parent: this },
      );
      return new aws.ec2.NatGateway(
        childName(name, `nat-${z}`),
        { allocationId: eip.id, subnetId: subnet('public', z).id, tags: named(`nat-${z}`) },
        { parent: this, dependsOn: [igw] },
      );
    });

    // Private: a table per zone whose only way out is NAT. Isolated: a table per zone with no
    // default route at all. Tables per zone keep the shape when the NAT mode changes.
    const privateTables = zoneIndexes.map((z) => {
      const table = this.routeTable(name, `private-${z}`, vpc, named(`private-${z}`));
      const nat = settings.natGateways === 'perZone' ? nats[z]! : nats[0]!;
      new aws.ec2.Route(
        childName(name, `private-${z}-default`),
        { routeTableId: table.id, destinationCidrBlock: ANYWHERE_IPV4, natGatewayId: nat.id },
        { parent: this },
      );
      this.associate(name, `private-${z}`, subnet('private', z), table);
      return table;
    });
    const isolatedTables = zoneIndexes.map((z) => {
      const table = this.routeTable(name, `isolated-${z}`, vpc, named(`isolated-${z}`));
      this.associate(name, `isolated-${z}`, subnet('isolated', z), table);
      return table;
    });

    const flow = createFlowLog(
      name,
      {
        vpcId: vpc.id,
        ctx,
        logGroupName: settings.flowLogGroupName,
        kmsKeyArn: args.flowLogKmsKeyArn,
        retentionDays: settings.flowLogRetentionDays,
        tags,
      },
      this,
    );

    // Declaring the default group with empty rule lists strips the rules AWS puts in it.
    new aws.ec2.DefaultSecurityGroup(
      childName(name, 'default-sg'),
      { vpcId: vpc.id, ingress: [], egress: [], tags: named('default-sg-unused') },
      { parent: this },
    );

    const endpointGroup = new TrafficGroup(
      childName(name, 'endpoints'),
      {
        vpcId: vpc.id,
        description: 'VPC interface endpoints: HTTPS from the private subnets only',
        environment: settings.environment,
      },
      { parent: this },
    );
    for (const planned of settings.subnets.filter((s) => s.tier === 'private')) {
      endpointGroup.allowFrom(`https-from-private-${planned.zoneIndex}`, {
        cidrIpv4: planned.cidrBlock,
        port: 443,
        description: `HTTPS to AWS APIs from private subnet ${planned.zoneIndex}`,
      });
    }
    const policy = ctx.apply((c) => JSON.stringify(endpointPolicy(c.accountId)));
    const privateSubnetIds = zoneIndexes.map((z) => subnet('private', z).id);
    for (const service of INTERFACE_ENDPOINT_SERVICES) {
      new aws.ec2.VpcEndpoint(
        childName(name, `endpoint-${service.replace('.', '-')}`),
        {
          vpcId: vpc.id,
          vpcEndpointType: 'Interface',
          serviceName: ctx.apply((c) => endpointServiceName(service, 'Interface', c)),
          subnetIds: privateSubnetIds,
          securityGroupIds: [endpointGroup.securityGroupId],
          privateDnsEnabled: true,
          policy,
          tags: named(`endpoint-${service}`),
        },
        { parent: this },
      );
    }
    const s3Endpoint = new aws.ec2.VpcEndpoint(
      childName(name, 'endpoint-s3'),
      {
        vpcId: vpc.id,
        vpcEndpointType: 'Gateway',
        serviceName: ctx.apply((c) => endpointServiceName('s3', 'Gateway', c)),
        routeTableIds: [...privateTables, ...isolatedTables].map((t) => t.id),
        policy,
        tags: named('endpoint-s3'),
      },
      { parent: this },
    );

    const ids = (tier: SubnetTier): pulumi.Output<string[]> =>
      pulumi.all(zoneIndexes.map((z) => subnet(tier, z).id));
    this.vpcId = vpc.id;
    this.vpcCidrBlock = vpc.id.apply(() => args.cidrBlock);
    this.availabilityZones = zones;
    this.publicSubnetIds = ids('public');
    this.privateSubnetIds = ids('private');
    this.isolatedSubnetIds = ids('isolated');
    this.publicRouteTableIds = pulumi.all([publicTable.id]);
    this.privateRouteTableIds = pulumi.all(privateTables.map((t) => t.id));
    this.isolatedRouteTableIds = pulumi.all(isolatedTables.map((t) => t.id));
    this.endpointSecurityGroupId = endpointGroup.securityGroupId;
    this.s3PrefixListId = s3Endpoint.prefixListId;
    this.flowLogGroupName = flow.logGroup.name;

    this.registerOutputs({
      vpcId: this.vpcId,
      vpcCidrBlock: this.vpcCidrBlock,
      availabilityZones: this.availabilityZones,
      publicSubnetIds: this.publicSubnetIds,
      privateSubnetIds: this.privateSubnetIds,
      isolatedSubnetIds: this.isolatedSubnetIds,
      publicRouteTableIds: this.publicRouteTableIds,
      privateRouteTableIds: this.privateRouteTableIds,
      isolatedRouteTableIds: this.isolatedRouteTableIds,
      endpointSecurityGroupId: this.endpointSecurityGroupId,
      s3PrefixListId: this.s3PrefixListId,
      flowLogGroupName: this.flowLogGroupName,
    });
  }

  private subnet(
    name: string,
    planned: PlannedSubnet,
    vpc: aws.ec2.Vpc,
    zones: pulumi.Output<string[]>,
    tags: Record<string, string>,
  ): aws.ec2.Subnet {
    return new aws.ec2.Subnet(
      childName(name, planned.key),
      {
        vpcId: vpc.id,
        cidrBlock: planned.cidrBlock,
        availabilityZone: zones.apply((z) => z[planned.zoneIndex]!),
        // Not even public subnets hand out public IPs: NAT has an EIP, a load balancer its own.
        mapPublicIpOnLaunch: false,
        assignIpv6AddressOnCreation: false,
        tags: { ...tags, 'phi-platform:subnet-tier': planned.tier },
      },
      { parent: this },
    );
  }

  private routeTable(
    name: string,
    key: string,
    vpc: aws.ec2.Vpc,
    tags: Record<string, string>,
  ): aws.ec2.RouteTable {
    // No inline `routes`: each route is its own resource, so tests and policies can see them.
    return new aws.ec2.RouteTable(
      childName(name, `rt-${key}`),
      { vpcId: vpc.id, tags },
      { parent: this },
    );
  }

  private associate(
    name: string,
    key: string,
    subnet: aws.ec2.Subnet,
    table: aws.ec2.RouteTable,
  ): void {
    new aws.ec2.RouteTableAssociation(
      childName(name, `rta-${key}`),
      { subnetId: subnet.id, routeTableId: table.id },
      { parent: this },
    );
  }
}
