import {
  cidrContains,
  cidrsOverlap,
  parseCidr,
  planSubnets,
  SubnetPlanError,
  tierPrefixLengths,
} from '../src';

const cidrsOf = (cidr: string, zones: number, tier: string): string[] =>
  planSubnets(cidr, zones)
    .filter((s) => s.tier === tier)
    .map((s) => s.cidrBlock);

describe('planSubnets', () => {
  test.each([
    {
      vpc: '10.0.0.0/16',
      zones: 3,
      publicCidrs: ['10.0.192.0/21', '10.0.200.0/21', '10.0.208.0/21'],
      privateCidrs: ['10.0.0.0/20', '10.0.16.0/20', '10.0.32.0/20'],
      isolatedCidrs: ['10.0.128.0/21', '10.0.136.0/21', '10.0.144.0/21'],
    },
    {
      vpc: '10.1.16.0/20',
      zones: 2,
      publicCidrs: ['10.1.28.0/25', '10.1.28.128/25'],
      privateCidrs: ['10.1.16.0/24', '10.1.17.0/24'],
      isolatedCidrs: ['10.1.24.0/25', '10.1.24.128/25'],
    },
    {
      vpc: '172.16.4.0/22',
      zones: 6,
      publicCidrs: [
        '172.16.7.0/27',
        '172.16.7.32/27',
        '172.16.7.64/27',
        '172.16.7.96/27',
        '172.16.7.128/27',
        '172.16.7.160/27',
      ],
      privateCidrs: [
        '172.16.4.0/26',
        '172.16.4.64/26',
        '172.16.4.128/26',
        '172.16.4.192/26',
        '172.16.5.0/26',
        '172.16.5.64/26',
      ],
      isolatedCidrs: [
        '172.16.6.0/27',
        '172.16.6.32/27',
        '172.16.6.64/27',
        '172.16.6.96/27',
        '172.16.6.128/27',
        '172.16.6.160/27',
      ],
    },
    {
      vpc: '192.168.10.0/23',
      zones: 2,
      publicCidrs: ['192.168.11.128/28', '192.168.11.144/28'],
      privateCidrs: ['192.168.10.0/27', '192.168.10.32/27'],
      isolatedCidrs: ['192.168.11.0/28', '192.168.11.16/28'],
    },
  ])('$vpc over $zones zones', ({ vpc, zones, publicCidrs, privateCidrs, isolatedCidrs }) => {
    expect(cidrsOf(vpc, zones, 'public')).toEqual(publicCidrs);
    expect(cidrsOf(vpc, zones, 'private')).toEqual(privateCidrs);
    expect(cidrsOf(vpc, zones, 'isolated')).toEqual(isolatedCidrs);
  });

  test('keys subnets by tier and zone index', () => {
    expect(planSubnets('10.0.0.0/16', 2).map((s) => s.key)).toEqual([
      'public-0',
      'public-1',
      'private-0',
      'private-1',
      'isolated-0',
      'isolated-1',
    ]);
  });

  const vpcs = ['10.0.0.0/16', '10.64.0.0/18', '10.1.16.0/20', '172.16.4.0/22', '192.168.2.0/23'];

  test.each(vpcs)('%s: adding zones never renumbers an existing subnet', (vpc) => {
    for (let zones = 1; zones < 6; zones++) {
      const before = planSubnets(vpc, zones);
      const after = new Map(planSubnets(vpc, zones + 1).map((s) => [s.key, s.cidrBlock]));
      for (const subnet of before) expect(after.get(subnet.key)).toBe(subnet.cidrBlock);
    }
  });

  test.each(vpcs)('%s: six zones give 18 disjoint subnets inside the VPC', (vpc) => {
    const plan = planSubnets(vpc, 6).map((s) => parseCidr(s.cidrBlock));
    expect(plan).toHaveLength(18);
    for (const [i, a] of plan.entries()) {
      expect(cidrContains(parseCidr(vpc), a)).toBe(true);
      for (const b of plan.slice(i + 1)) expect(cidrsOverlap(a, b)).toBe(false);
    }
  });

  test('private subnets are twice the size of public and isolated ones', () => {
    expect(tierPrefixLengths(16)).toEqual({ private: 20, public: 21, isolated: 21 });
    expect(tierPrefixLengths(16, 2)).toEqual({ private: 18, public: 19, isolated: 19 });
  });

  test.each([
    ['10.0.0.0/24', 'exhaustion', /too small.*\/29.*use a \/23 or larger/],
    ['10.0.0.0/28', 'exhaustion', /too small/],
    ['10.0.0.0/15', 'invalid', /larger than AWS allows/],
    ['10.0.1.0/16', 'invalid', /host bits set; the network address is 10\.0\.0\.0\/16/],
    ['10.0.0/16', 'invalid', /not an IPv4 CIDR/],
    ['10.0.300.0/24', 'invalid', /octets go to 255/],
  ])('%s is refused (%s)', (vpc, kind, message) => {
    const attempt = (): unknown => planSubnets(vpc, 3);
    expect(attempt).toThrow(SubnetPlanError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (err) {
      expect((err as SubnetPlanError).kind).toBe(kind);
    }
  });

  test('a smaller zone reservation fits a smaller VPC', () => {
    expect(() => planSubnets('10.0.0.0/25', 2)).toThrow(/too small/);
    expect(planSubnets('10.0.0.0/25', 2, { maxZones: 2 }).map((s) => s.cidrBlock)).toEqual([
      '10.0.0.96/28',
      '10.0.0.112/28',
      '10.0.0.0/27',
      '10.0.0.32/27',
      '10.0.0.64/28',
      '10.0.0.80/28',
    ]);
    expect(() => planSubnets('10.0.0.0/26', 2, { maxZones: 2 })).toThrow(/use a \/25 or larger/);
  });

  test.each([0, 7, 2.5, -1])('zone count %p is refused', (zones) => {
    expect(() => planSubnets('10.0.0.0/16', zones)).toThrow(/zoneCount must be a whole number/);
  });

  test('reports every planned subnet that overlaps an avoided block', () => {
    expect(() =>
      planSubnets('10.0.0.0/16', 3, { avoid: ['10.0.16.0/24', '10.0.200.0/22'] }),
    ).toThrow(
      'Planned subnets overlap: private-1 10.0.16.0/20 overlaps 10.0.16.0/24; ' +
        'public-1 10.0.200.0/21 overlaps 10.0.200.0/22',
    );
  });

  test('avoided blocks in unused slots or outside the VPC are fine', () => {
    expect(() =>
      planSubnets('10.0.0.0/16', 3, { avoid: ['10.0.64.0/18', '192.168.0.0/16'] }),
    ).not.toThrow();
    expect(() => planSubnets('10.0.0.0/16', 4, { avoid: ['10.0.48.0/24'] })).toThrow(
      /private-3 10\.0\.48\.0\/20 overlaps/,
    );
  });

  test('a malformed avoided block is an invalid-input error', () => {
    expect(() => planSubnets('10.0.0.0/16', 3, { avoid: ['nope'] })).toThrow(
      /avoided CIDR: "nope" is not an IPv4 CIDR/,
    );
  });
});
