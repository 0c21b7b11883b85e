import { installMocks, OfflineRuntime, RecordedResource, unwrap } from '@phi-platform/offline';
import { lookupZones, Network, NetworkArgs } from '../src';

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';

function keyArn(rt: OfflineRuntime): string {
  return `arn:${rt.partition}:kms:${rt.region}:${rt.accountId}:key/${KEY_ID}`;
}

async function build(
  region: string,
  args: Partial<NetworkArgs> = {},
): Promise<{ rt: OfflineRuntime; network: Network }> {
  const rt = installMocks({ region });
  const { value: network } = await rt.run(
    () =>
      new Network('net', {
        cidrBlock: '10.0.0.0/16',
        flowLogKmsKeyArn: keyArn(rt),
        environment: 'test',
        ...args,
      }),
  );
  return { rt, network };
}

const byId = (rs: RecordedResource[], id: unknown): RecordedResource | undefined =>
  rs.find((r) => r.id === id);

describe('zone selection', () => {
  test('a six-zone region (us-east-1): the default three, or all six', async () => {
    const three = await build('us-east-1');
    expect(await unwrap(three.network.availabilityZones)).toEqual([
      'us-east-1a',
      'us-east-1b',
      'us-east-1c',
    ]);
    const six = await build('us-east-1', { zoneCount: 6 });
    expect(await unwrap(six.network.availabilityZones)).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((z) => `us-east-1${z}`),
    );
    const subnets = six.rt.byType('aws:ec2/subnet:Subnet');
    expect(subnets).toHaveLength(18);
    expect(subnets.find((s) => s.name === 'net-private-5')?.inputs).toMatchObject({
      availabilityZone: 'us-east-1f',
      cidrBlock: '10.0.80.0/20',
    });
  });

  test('a two-zone region (us-west-1) with zoneCount 2', async () => {
    const { rt, network } = await build('us-west-1', { zoneCount: 2 });
    expect(await unwrap(network.availabilityZones)).toEqual(['us-west-1a', 'us-west-1b']);
    const zonesOf = (tier: string): unknown[] =>
      rt
        .byType('aws:ec2/subnet:Subnet')
        .filter((s) => s.name.startsWith(`net-${tier}-`))
        .map((s) => s.inputs['availabilityZone']);
    for (const tier of ['public', 'private', 'isolated']) {
      expect(zonesOf(tier)).toEqual(['us-west-1a', 'us-west-1b']);
    }
  });

  test('asking three zones of us-west-1 fails naming zoneCount, region and zones', async () => {
    // The zone list comes from an invoke, so this error rejects the zone lookup that every
    // subnet uses rather than the constructor (see the README). The lookup on its own here; the
    // next test builds the Network.
    const rt = installMocks({ region: 'us-west-1' });
    await expect(lookupZones('Network "net"', 3, {})).rejects.toThrow(
      'Invalid settings for Network "net" (1):\n  - zoneCount: got 3; allowed: at most 2: ' +
        'region us-west-1 offers us-west-1a, us-west-1b',
    );
    expect(await lookupZones('Network "net"', 2, {})).toEqual(['us-west-1a', 'us-west-1b']);
    expect(rt.resources()).toEqual([]);
  });

  test('a Network asking three zones of us-west-1 rejects the run with the same message', async () => {
    const rt = installMocks({ region: 'us-west-1' });
    await expect(
      rt.run(
        () =>
          new Network('net', {
            cidrBlock: '10.0.0.0/16',
            zoneCount: 3,
            flowLogKmsKeyArn: keyArn(rt),
          }),
      ),
    ).rejects.toThrow(
      'Invalid settings for Network "net" (1):\n  - zoneCount: got 3; allowed: at most 2: ' +
        'region us-west-1 offers us-west-1a, us-west-1b',
    );
    // No subnet could be declared without a zone.
    expect(rt.byType('aws:ec2/subnet:Subnet')).toEqual([]);
  });

  test('an opt-in region (ap-southeast-7) gets its own zones', async () => {
    const { network } = await build('ap-southeast-7');
    expect(await unwrap(network.availabilityZones)).toEqual([
      'ap-southeast-7a',
      'ap-southeast-7b',
      'ap-southeast-7c',
    ]);
  });

  test('bad arguments fail before any resource is registered', async () => {
    const rt = installMocks({ region: 'us-east-1' });
    await expect(
      rt.run(
        () =>
          new Network('net', {
            cidrBlock: '10.0.0.0/25',
            zoneCount: 9,
            flowLogKmsKeyArn: 'alias/phi',
            flowLogRetentionDays: 30,
          }),
      ),
    ).rejects.toThrow(/zoneCount: got 9.*\n.*flowLogRetentionDays: got 30.*\n.*flowLogKmsKeyArn/);
    expect(rt.resources().filter((r) => r.type.startsWith('aws:'))).toEqual([]);
  });
});

describe('routing', () => {
  test('isolated subnets have no route to an internet or NAT gateway', async () => {
    const { rt, network } = await build('us-east-1');
    const routes = rt.byType('aws:ec2/route:Route');
    const isolatedTables = await unwrap(network.isolatedRouteTableIds);
    expect(isolatedTables).toHaveLength(3);
    for (const table of isolatedTables) {
      expect(routes.filter((r) => r.inputs['routeTableId'] === table)).toEqual([]);
      expect(
        rt.byType('aws:ec2/routeTable:RouteTable').find((t) => t.id === table)?.inputs,
      ).not.toHaveProperty('routes');
    }
    // Each isolated subnet is associated with an isolated table, and with nothing else.
    const isolatedSubnets = await unwrap(network.isolatedSubnetIds);
    const associations = rt.byType('aws:ec2/routeTableAssociation:RouteTableAssociation');
    for (const subnet of isolatedSubnets) {
      const tables = associations
        .filter((a) => a.inputs['subnetId'] === subnet)
        .map((a) => a.inputs['routeTableId']);
      expect(tables).toHaveLength(1);
      expect(isolatedTables).toContain(tables[0]);
    }
  });

  test('only the public table routes to the internet gateway; private tables go via NAT', async () => {
    const { rt, network } = await build('us-east-1');
    const igw = rt.one('aws:ec2/internetGateway:InternetGateway');
    const nats = rt.byType('aws:ec2/natGateway:NatGateway');
    expect(nats).toHaveLength(3);
    const [publicTable] = await unwrap(network.publicRouteTableIds);
    const privateTables = await unwrap(network.privateRouteTableIds);
    const routes = rt.byType('aws:ec2/route:Route');
    expect(routes.filter((r) => r.inputs['gatewayId'] !== undefined)).toEqual([
      expect.objectContaining({
        inputs: expect.objectContaining({
          routeTableId: publicTable,
          destinationCidrBlock: '0.0.0.0/0',
          gatewayId: igw.id,
        }) as unknown,
      }),
    ]);
    const publicSubnets = await unwrap(network.publicSubnetIds);
    for (const [z, table] of privateTables.entries()) {
      const natRoutes = routes.filter((r) => r.inputs['routeTableId'] === table);
      expect(natRoutes.map((r) => r.inputs['destinationCidrBlock'])).toEqual(['0.0.0.0/0']);
      const nat = byId(nats, natRoutes[0]!.inputs['natGatewayId']);
      expect(nat?.inputs['subnetId']).toBe(publicSubnets[z]);
    }
  });

  test("natGateways 'single' puts one NAT in zone 0 behind every private table", async () => {
    const { rt, network } = await build('us-east-1', { natGateways: 'single' });
    const nat = rt.one('aws:ec2/natGateway:NatGateway');
    expect(nat.inputs['subnetId']).toBe((await unwrap(network.publicSubnetIds))[0]);
    expect(rt.byType('aws:ec2/eip:Eip')).toHaveLength(1);
    const privateTables = await unwrap(network.privateRouteTableIds);
    const natTargets = rt
      .byType('aws:ec2/route:Route')
      .filter((r) => privateTables.includes(r.inputs['routeTableId'] as string))
      .map((r) => r.inputs['natGatewayId']);
    expect(natTargets).toEqual([nat.id, nat.id, nat.id]);
  });

  test('no subnet assigns public IPs, not even a public one', async () => {
    const { rt } = await build('us-east-1');
    const subnets = rt.byType('aws:ec2/subnet:Subnet');
    expect(subnets).toHaveLength(9);
    for (const s of subnets) expect(s.inputs['mapPublicIpOnLaunch']).toBe(false);
  });

  test('outputs list subnets in zone order with the planned CIDRs', async () => {
    const { rt, network } = await build('us-east-1');
    const cidrOf = (id: string): unknown => byId(rt.resources(), id)?.inputs['cidrBlock'];
    expect((await unwrap(network.privateSubnetIds)).map(cidrOf)).toEqual([
      '10.0.0.0/20',
      '10.0.16.0/20',
      '10.0.32.0/20',
    ]);
    expect(await unwrap(network.vpcCidrBlock)).toBe('10.0.0.0/16');
    expect(rt.one('aws:ec2/vpc:Vpc').inputs).toMatchObject({
      cidrBlock: '10.0.0.0/16',
      enableDnsSupport: true,
      enableDnsHostnames: true,
    });
  });
});

describe('flow logs', () => {
  test.each(['us-east-1', 'us-gov-west-1', 'cn-northwest-1'])(
    '%s: ALL traffic, encrypted group, scoped role',
    async (region) => {
      const { rt, network } = await build(region, { flowLogRetentionDays: 2192 });
      const p = rt.partition;
      const acct = rt.accountId;
      const groupName = '/phi-platform/test/vpc-flow-logs/net';
      const group = rt.one('aws:cloudwatch/logGroup:LogGroup');
      expect(group.inputs).toMatchObject({
        name: groupName,
        kmsKeyId: keyArn(rt),
        retentionInDays: 2192,
      });
      expect(await unwrap(network.flowLogGroupName)).toBe(groupName);

      const flowLog = rt.one('aws:ec2/flowLog:FlowLog');
      const role = rt.one('aws:iam/role:Role');
      expect(flowLog.inputs).toMatchObject({
        vpcId: rt.one('aws:ec2/vpc:Vpc').id,
        trafficType: 'ALL',
        logDestinationType: 'cloud-watch-logs',
        logDestination: group.state['arn'],
        iamRoleArn: role.state['arn'],
      });

      expect(JSON.parse(role.inputs['assumeRolePolicy'] as string)).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'VpcFlowLogsAssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: {
              StringEquals: { 'aws:SourceAccount': acct },
              ArnLike: { 'aws:SourceArn': `arn:${p}:ec2:${region}:${acct}:vpc-flow-log/*` },
            },
          },
        ],
      });
      const policy = rt.one('aws:iam/policy:Policy');
      const groupArn = `arn:${p}:logs:${region}:${acct}:log-group:${groupName}`;
      expect(JSON.parse(policy.inputs['policy'] as string)).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'WriteFlowLogRecords',
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
            Resource: [groupArn, `${groupArn}:log-stream:*`],
          },
        ],
      });
      const attachment = rt.one('aws:iam/rolePolicyAttachment:RolePolicyAttachment');
      expect(attachment.inputs).toMatchObject({
        role: role.state['name'],
        policyArn: policy.state['arn'],
      });
      expect(flowLog.dependsOn).toContain(attachment.urn);
      expect(rt.byType('aws:iam/rolePolicy:RolePolicy')).toEqual([]);
    },
  );
});

test('the default security group is declared with no rules', async () => {
  const { rt } = await build('us-east-1');
  const sg = rt.one('aws:ec2/defaultSecurityGroup:DefaultSecurityGroup');
  expect(sg.inputs['vpcId']).toBe(rt.one('aws:ec2/vpc:Vpc').id);
  expect(sg.inputs['ingress']).toEqual([]);
  expect(sg.inputs['egress']).toEqual([]);
});

describe('endpoints', () => {
  const interfaceNames: Record<string, string[]> = {
    'us-east-1': [
      'com.amazonaws.us-east-1.secretsmanager',
      'com.amazonaws.us-east-1.kms',
      'com.amazonaws.us-east-1.logs',
      'com.amazonaws.us-east-1.ecr.api',
      'com.amazonaws.us-east-1.ecr.dkr',
      'com.amazonaws.us-east-1.sts',
    ],
    'ap-southeast-7': [
      'com.amazonaws.ap-southeast-7.secretsmanager',
      'com.amazonaws.ap-southeast-7.kms',
      'com.amazonaws.ap-southeast-7.logs',
      'com.amazonaws.ap-southeast-7.ecr.api',
      'com.amazonaws.ap-southeast-7.ecr.dkr',
      'com.amazonaws.ap-southeast-7.sts',
    ],
    'us-gov-west-1': [
      'com.amazonaws.us-gov-west-1.secretsmanager',
      'com.amazonaws.us-gov-west-1.kms',
      'com.amazonaws.us-gov-west-1.logs',
      'com.amazonaws.us-gov-west-1.ecr.api',
      'com.amazonaws.us-gov-west-1.ecr.dkr',
      'com.amazonaws.us-gov-west-1.sts',
    ],
    'cn-northwest-1': [
      'com.amazonaws.cn-northwest-1.secretsmanager',
      'com.amazonaws.cn-northwest-1.kms',
      'com.amazonaws.cn-northwest-1.logs',
      'cn.com.amazonaws.cn-northwest-1.ecr.api',
      'cn.com.amazonaws.cn-northwest-1.ecr.dkr',
      'cn.com.amazonaws.cn-northwest-1.sts',
    ],
  };

  test.each(Object.keys(interfaceNames))(
    '%s: every endpoint, named for the partition',
    async (region) => {
      const { rt, network } = await build(region);
      const endpoints = rt.byType('aws:ec2/vpcEndpoint:VpcEndpoint');
      const interfaces = endpoints.filter((e) => e.inputs['vpcEndpointType'] === 'Interface');
      expect(interfaces.map((e) => e.inputs['serviceName'])).toEqual(interfaceNames[region]);
      const privateSubnets = await unwrap(network.privateSubnetIds);
      const endpointSg = await unwrap(network.endpointSecurityGroupId);
      const ownAccountOnly = {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'OwnAccountPrincipalsOnly',
            Effect: 'Allow',
            Principal: '*',
            Action: '*',
            Resource: '*',
            Condition: { StringEquals: { 'aws:PrincipalAccount': rt.accountId } },
          },
        ],
      };
      for (const e of interfaces) {
        expect(e.inputs).toMatchObject({
          privateDnsEnabled: true,
          subnetIds: privateSubnets,
          securityGroupIds: [endpointSg],
        });
        expect(JSON.parse(e.inputs['policy'] as string)).toEqual(ownAccountOnly);
      }

      const gateway = endpoints.filter((e) => e.inputs['vpcEndpointType'] === 'Gateway');
      expect(gateway).toHaveLength(1);
      expect(gateway[0]!.inputs['serviceName']).toBe(`com.amazonaws.${region}.s3`);
      expect(gateway[0]!.inputs['routeTableIds']).toEqual([
        ...(await unwrap(network.privateRouteTableIds)),
        ...(await unwrap(network.isolatedRouteTableIds)),
      ]);
    },
  );

  test('s3PrefixListId is the S3 gateway endpoint prefix list (egress for ECR layers)', async () => {
    const { rt, network } = await build('us-gov-west-1');
    const gateway = rt
      .byType('aws:ec2/vpcEndpoint:VpcEndpoint')
      .find((e) => e.inputs['vpcEndpointType'] === 'Gateway');
    const prefixListId = gateway?.state['prefixListId'];
    expect(prefixListId).toMatch(/^pl-[0-9a-f]+$/);
    expect(await unwrap(network.s3PrefixListId)).toBe(prefixListId);
  });

  test('the endpoint group admits 443 from the private subnets only', async () => {
    const { rt, network } = await build('us-east-1');
    const endpointSg = await unwrap(network.endpointSecurityGroupId);
    const sg = byId(rt.byType('aws:ec2/securityGroup:SecurityGroup'), endpointSg);
    expect(sg?.inputs).not.toHaveProperty('ingress');
    expect(sg?.inputs).not.toHaveProperty('egress');
    const ingress = rt
      .byType('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule')
      .filter((r) => r.inputs['securityGroupId'] === endpointSg);
    expect(
      ingress.map((r) => [r.inputs['cidrIpv4'], r.inputs['fromPort'], r.inputs['toPort']]),
    ).toEqual([
      ['10.0.0.0/20', 443, 443],
      ['10.0.16.0/20', 443, 443],
      ['10.0.32.0/20', 443, 443],
    ]);
    for (const r of ingress) expect(r.inputs['description']).toMatch(/^HTTPS to AWS APIs/);
    expect(rt.byType('aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule')).toEqual([]);
  });
});
