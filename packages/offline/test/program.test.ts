import * as aws from '@pulumi/aws';
import { installMocks, isSecretOutput, unwrap } from '../src';
import { smallProgram } from '../examples/small-program';

const ACCOUNT = '123456789012';

const CASES = [
  {
    region: 'us-east-1',
    partition: 'aws',
    dnsSuffix: 'amazonaws.com',
    zones: ['a', 'b', 'c', 'd', 'e', 'f'].map((l) => `us-east-1${l}`),
    zoneIds: [1, 2, 3, 4, 5, 6].map((n) => `use1-az${n}`),
  },
  {
    region: 'us-west-1',
    partition: 'aws',
    dnsSuffix: 'amazonaws.com',
    zones: ['us-west-1a', 'us-west-1b'],
    zoneIds: ['usw1-az1', 'usw1-az3'],
  },
  {
    region: 'ap-southeast-7',
    partition: 'aws',
    dnsSuffix: 'amazonaws.com',
    zones: ['ap-southeast-7a', 'ap-southeast-7b', 'ap-southeast-7c'],
    zoneIds: ['apse7-az1', 'apse7-az2', 'apse7-az3'],
  },
  {
    region: 'us-gov-west-1',
    partition: 'aws-us-gov',
    dnsSuffix: 'amazonaws.com',
    zones: ['us-gov-west-1a', 'us-gov-west-1b', 'us-gov-west-1c'],
    zoneIds: ['usgw1-az1', 'usgw1-az2', 'usgw1-az3'],
  },
  {
    region: 'cn-northwest-1',
    partition: 'aws-cn',
    dnsSuffix: 'amazonaws.com.cn',
    zones: ['cn-northwest-1a', 'cn-northwest-1b', 'cn-northwest-1c'],
    zoneIds: ['cnnw1-az1', 'cnnw1-az2', 'cnnw1-az3'],
  },
];

// The cases run in sequence in one file: each installMocks replaces the previous runtime.
describe.each(CASES)('the example program in $region', (c) => {
  test('records ARNs in the partition of the region and a subnet per real zone', async () => {
    const rt = installMocks({ region: c.region });
    expect([rt.region, rt.partition, rt.dnsSuffix, rt.accountId]).toEqual([
      c.region,
      c.partition,
      c.dnsSuffix,
      ACCOUNT,
    ]);
    const { value, resources } = await rt.run(() => smallProgram('demo'));

    const key = rt.one('aws:kms/key:Key', 'demo-key');
    expect(key.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(key.state['arn']).toBe(`arn:${c.partition}:kms:${c.region}:${ACCOUNT}:key/${key.id}`);
    expect(await unwrap(value.keyArn)).toBe(key.state['arn']);

    const logs = rt.one('aws:cloudwatch/logGroup:LogGroup');
    expect(logs.state['name']).toMatch(/^demo-logs-[0-9a-f]{7}$/);
    expect(logs.state['arn']).toBe(
      `arn:${c.partition}:logs:${c.region}:${ACCOUNT}:log-group:${String(logs.state['name'])}`,
    );
    expect(logs.inputs['kmsKeyId']).toBe(key.state['arn']);

    const secret = rt.one('aws:secretsmanager/secret:Secret');
    expect(secret.state['arn']).toMatch(
      new RegExp(
        `^arn:${c.partition}:secretsmanager:${c.region}:${ACCOUNT}:secret:` +
          'demo-secret-[0-9a-f]{7}-[A-Za-z0-9]{6}$',
      ),
    );
    expect(secret.id).toBe(secret.state['arn']);

    const vpc = rt.one('aws:ec2/vpc:Vpc');
    expect(vpc.id).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(vpc.state['arn']).toBe(`arn:${c.partition}:ec2:${c.region}:${ACCOUNT}:vpc/${vpc.id}`);

    expect(await unwrap(value.zoneNames)).toEqual(c.zones);
    const subnets = rt.byType('aws:ec2/subnet:Subnet');
    expect(subnets.map((s) => s.inputs['availabilityZone']).sort()).toEqual(c.zones);
    expect(subnets.map((s) => s.state['availabilityZoneId']).sort()).toEqual([...c.zoneIds].sort());
    for (const s of subnets) {
      expect(s.state['arn']).toBe(`arn:${c.partition}:ec2:${c.region}:${ACCOUNT}:subnet/${s.id}`);
      expect(s.dependsOn).toEqual([vpc.urn]);
    }

    // Six fixed resources plus one subnet per zone, nothing else.
    expect(resources).toHaveLength(6 + c.zones.length);
    expect(await isSecretOutput(value.password)).toBe(true);
    expect(rt.invokes.map((i) => i.token)).toEqual([
      'aws:index/getAvailabilityZones:getAvailabilityZones',
    ]);
  });

  test('answers getRegion, getPartition and getCallerIdentity for the region', async () => {
    const rt = installMocks({ region: c.region, accountId: '210987654321' });
    const { value } = await rt.run(async () => ({
      region: await aws.getRegion(),
      partition: await aws.getPartition(),
      identity: await aws.getCallerIdentity(),
    }));
    expect(value.region.region).toBe(c.region);
    expect(value.region.name).toBe(c.region);
    expect(value.region.endpoint).toBe(`ec2.${c.region}.${c.dnsSuffix}`);
    expect(value.partition).toEqual({
      dnsSuffix: c.dnsSuffix,
      id: c.partition,
      partition: c.partition,
      reverseDnsPrefix: c.dnsSuffix.split('.').reverse().join('.'),
    });
    expect(value.identity.accountId).toBe('210987654321');
    expect(value.identity.arn).toBe(
      `arn:${c.partition}:sts::210987654321:assumed-role/phi-offline/offline`,
    );
  });
});

test('getRegion reports AWS descriptions and China reverse DNS', async () => {
  const rt = installMocks({ region: 'cn-northwest-1' });
  const { value } = await rt.run(async () => ({
    here: await aws.getRegion(),
    other: await aws.getRegion({ region: 'ap-southeast-7' }),
    partition: await aws.getPartition(),
  }));
  expect(value.here.description).toBe('China (Ningxia)');
  expect(value.other.description).toBe('Asia Pacific (Thailand)');
  expect(value.partition.reverseDnsPrefix).toBe('cn.com.amazonaws');
});
