import { InvalidSettingsError } from '@phi-platform/core';
import { resolveNetworkSettings, selectZones } from '../src';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('resolveNetworkSettings', () => {
  test('defaults: three zones, NAT per zone, a year of flow logs', () => {
    const s = resolveNetworkSettings(
      'net',
      { cidrBlock: '10.0.0.0/16', flowLogKmsKeyArn: KEY },
      'dev',
    );
    expect(s).toMatchObject({
      zoneCount: 3,
      natGateways: 'perZone',
      flowLogRetentionDays: 365,
      environment: 'dev',
      flowLogGroupName: '/phi-platform/dev/vpc-flow-logs/net',
    });
    expect(s.subnets).toHaveLength(9);
  });

  test('reports every bad argument at once', () => {
    let error: InvalidSettingsError | undefined;
    try {
      resolveNetworkSettings(
        'net',
        {
          cidrBlock: '10.0.0.0/24',
          zoneCount: 3,
          natGateways: 'none' as 'single',
          flowLogKmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:alias/phi',
          flowLogRetentionDays: 90,
        },
        'dev',
      );
    } catch (err) {
      error = err as InvalidSettingsError;
    }
    expect(error).toBeInstanceOf(InvalidSettingsError);
    expect(error!.problems.map((p) => p.setting)).toEqual([
      'natGateways',
      'flowLogRetentionDays',
      'flowLogKmsKeyArn',
      'cidrBlock',
    ]);
    expect(error!.message).toContain('Invalid settings for Network "net" (4)');
    expect(error!.message).toContain("natGateways: got \"none\"; allowed: 'perZone' or 'single'");
    expect(error!.message).toContain('flowLogRetentionDays: got 90; allowed: one of 365, 400');
    expect(error!.message).toContain('use a /23 or larger');
  });

  test.each([1, 7, 2.5])('zoneCount %p is refused', (zoneCount) => {
    expect(() =>
      resolveNetworkSettings(
        'net',
        { cidrBlock: '10.0.0.0/16', zoneCount, flowLogKmsKeyArn: KEY },
        'dev',
      ),
    ).toThrow(/zoneCount: got .*; allowed: a whole number from 2 to 6/);
  });

  test('every CloudWatch retention from a year up is accepted', () => {
    for (const days of [365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]) {
      const s = resolveNetworkSettings(
        'net',
        { cidrBlock: '10.0.0.0/16', flowLogKmsKeyArn: KEY, flowLogRetentionDays: days },
        'dev',
      );
      expect(s.flowLogRetentionDays).toBe(days);
    }
    for (const days of [0, 180, 366, 3650]) {
      expect(() =>
        resolveNetworkSettings(
          'net',
          { cidrBlock: '10.0.0.0/16', flowLogKmsKeyArn: KEY, flowLogRetentionDays: days },
          'dev',
        ),
      ).toThrow(/flowLogRetentionDays/);
    }
  });
});

describe('selectZones', () => {
  test('takes the first zones in name order', () => {
    expect(selectZones('Network "n"', ['us-west-1c', 'us-west-1a'], 2, 'us-west-1')).toEqual([
      'us-west-1a',
      'us-west-1c',
    ]);
  });

  test('names zoneCount, the region and the zones it offers when there are too few', () => {
    expect(() => selectZones('Network "n"', ['us-west-1a', 'us-west-1c'], 3, 'us-west-1')).toThrow(
      'Invalid settings for Network "n" (1):\n  - zoneCount: got 3; allowed: at most 2: ' +
        'region us-west-1 offers us-west-1a, us-west-1c ' +
        '(every zone gets its own public, private and isolated subnet)',
    );
  });
});
