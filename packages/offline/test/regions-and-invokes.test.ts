import * as aws from '@pulumi/aws';
import { readFileSync } from 'node:fs';
import {
  installMocks,
  knownRegions,
  regionZones,
  resolveRegion,
  UnknownRegionError,
  ZONE_DATA,
} from '../src';

/** The regions in the partition data bundled with the SDK (the source resolveRegion uses). */
function sdkRegions(): string[] {
  const file = require.resolve('@aws-sdk/core/client');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf('const partitionsInfo = ');
  const end = text.indexOf('let selectedPartitionsInfo');
  if (start < 0 || end < 0) {
    throw new Error(`partition data not found in ${file}; update this test for the new layout`);
  }
  const literal = text.slice(start + 'const partitionsInfo = '.length, end).trim();
  const data = JSON.parse(literal.replace(/;$/, '')) as {
    partitions: { regions: Record<string, unknown> }[];
  };
  return data.partitions
    .flatMap((p) => Object.keys(p.regions))
    .filter((r) => !r.endsWith('-global'))
    .sort();
}

describe('regions', () => {
  test('partition and DNS suffix come from the SDK partition data', () => {
    expect(resolveRegion('us-gov-west-1')).toEqual({
      region: 'us-gov-west-1',
      partition: 'aws-us-gov',
      dnsSuffix: 'amazonaws.com',
      reverseDnsPrefix: 'com.amazonaws',
      description: 'AWS GovCloud (US-West)',
    });
    expect(resolveRegion('cn-north-1').dnsSuffix).toBe('amazonaws.com.cn');
    expect(resolveRegion('eu-isoe-west-1').partition).toBe('aws-iso-e');
  });

  test('an unknown region is refused with a message that says what to use', () => {
    expect(() => installMocks({ region: 'us-east-7' })).toThrow(UnknownRegionError);
    expect(() => installMocks({ region: 'us-east-7' })).toThrow(
      /Unknown AWS region "us-east-7": it is not in the AWS partition data/,
    );
    expect(() => installMocks({ region: 'us-east-1a' })).toThrow(
      /not a name or an availability zone/,
    );
    expect(() => installMocks({ region: 'Frankfurt' })).toThrow(/Regions known here: af-south-1, /);
    expect(() => resolveRegion('aws-global')).toThrow(UnknownRegionError);
  });

  test('the zone table covers every region of the SDK partition data, and nothing else', () => {
    expect(Object.keys(ZONE_DATA).sort()).toEqual(sdkRegions());
    expect(knownRegions()).toEqual(sdkRegions());
  });

  test('zone names belong to their region and ids are unique', () => {
    for (const [region, data] of Object.entries(ZONE_DATA)) {
      expect(data.zones.length).toBeGreaterThanOrEqual(2);
      for (const z of data.zones) expect(z.name).toMatch(new RegExp(`^${region}[a-z]$`));
      expect(new Set(data.zones.map((z) => z.zoneId)).size).toBe(data.zones.length);
      expect(data.verified || (data.note ?? '').length > 0).toBe(true);
    }
    expect(regionZones('us-east-1').zones).toHaveLength(6);
    expect(regionZones('us-west-2').zones).toHaveLength(4);
    expect(regionZones('ap-northeast-1').zones.map((z) => z.name)).toEqual([
      'ap-northeast-1a',
      'ap-northeast-1c',
      'ap-northeast-1d',
    ]);
  });

  test('unverified zone data is reported on the runtime', () => {
    expect(installMocks({ region: 'eu-central-1' }).zonesVerified).toBe(true);
    expect(installMocks({ region: 'us-iso-east-1' }).zonesVerified).toBe(false);
  });
});

describe('invokes', () => {
  test('an unknown invoke fails naming the token', async () => {
    const rt = installMocks({ region: 'us-east-1' });
    await expect(rt.run(() => aws.ec2.getAmi({ owners: ['amazon'] }))).rejects.toThrow(
      'The offline mocks do not answer the invoke "aws:ec2/getAmi:getAmi". ' +
        'Known invokes: aws:elb/getServiceAccount:getServiceAccount, ' +
        'aws:index/getAvailabilityZones:getAvailabilityZones, ',
    );
  });

  test('getAvailabilityZones honours state, exclusions and filters', async () => {
    const rt = installMocks({ region: 'us-east-1' });
    const { value } = await rt.run(async () => ({
      all: await aws.getAvailabilityZones(),
      impaired: await aws.getAvailabilityZones({ state: 'impaired' }),
      excluded: await aws.getAvailabilityZones({
        excludeNames: ['us-east-1a'],
        excludeZoneIds: ['use1-az6'],
      }),
      filtered: await aws.getAvailabilityZones({
        filters: [
          { name: 'zone-id', values: ['use1-az1', 'use1-az2'] },
          { name: 'opt-in-status', values: ['opt-in-not-required'] },
        ],
      }),
      wildcard: await aws.getAvailabilityZones({
        filters: [{ name: 'zone-name', values: ['us-east-1[ef]', '*-1e'] }],
      }),
    }));
    expect(value.all.names).toHaveLength(6);
    expect(value.all.id).toBe('us-east-1');
    expect(value.all.groupNames).toEqual(['us-east-1']);
    expect(value.impaired.names).toEqual([]);
    expect(value.excluded.names).toEqual(['us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e']);
    expect(value.filtered.names).toEqual(['us-east-1a', 'us-east-1b']);
    expect(value.filtered.zoneIds).toEqual(['use1-az1', 'use1-az2']);
    expect(value.wildcard.names).toEqual(['us-east-1e']);
  });

  test('an unsupported zone filter fails naming the filter', async () => {
    const rt = installMocks({ region: 'us-east-1' });
    await expect(
      rt.run(() => aws.getAvailabilityZones({ filters: [{ name: 'bogus', values: ['x'] }] })),
    ).rejects.toThrow(/filter "bogus" is not supported/);
  });

  test.each([
    ['cn-north-1', 'logs', 'logs.amazonaws.com.cn', 'logs.cn-north-1.amazonaws.com.cn'],
    ['cn-north-1', 'kms', 'kms.amazonaws.com', 'kms.cn-north-1.amazonaws.com'],
    [
      'cn-northwest-1',
      'ecs-tasks',
      'ecs-tasks.amazonaws.com',
      'ecs-tasks.cn-northwest-1.amazonaws.com',
    ],
    ['us-gov-west-1', 'logs', 'logs.amazonaws.com', 'logs.us-gov-west-1.amazonaws.com'],
    ['us-iso-east-1', 'config', 'config.c2s.ic.gov', 'config.us-iso-east-1.c2s.ic.gov'],
    ['us-isob-east-1', 'logs', 'logs.sc2s.sgov.gov', 'logs.us-isob-east-1.sc2s.sgov.gov'],
  ])('getServicePrincipal in %s for %s is %s', async (region, service, name, id) => {
    const rt = installMocks({ region });
    const { value } = await rt.run(() => aws.getServicePrincipal({ serviceName: service }));
    expect(value.name).toBe(name);
    expect(value.id).toBe(id);
    expect(value.region).toBe(region);
  });
});
