/**
 * Argument checking for {@link Network}, separate from the component so every rule can be
 * tested without a Pulumi runtime.
 */
import * as pulumi from '@pulumi/pulumi';
import {
  isAllowedLogRetention,
  isIntegerBetween,
  LOG_RETENTION_ALLOWED,
  parseArn,
  SettingsCheck,
} from '@phi-platform/core';
import { DEFAULT_MAX_ZONES, planSubnets, PlannedSubnet } from './subnet-plan';

export type NatGatewayMode = 'perZone' | 'single';
export const NAT_GATEWAY_MODES: readonly NatGatewayMode[] = ['perZone', 'single'];

export interface NetworkArgs {
  /** The VPC's IPv4 block, /16 to /23, e.g. `10.20.0.0/16`. */
  readonly cidrBlock: string;
  /**
   * Availability zones to spread over (2 to 6). The region must offer at least this many.
   * @default 3
   */
  readonly zoneCount?: number;
  /**
   * `perZone` keeps each zone's egress up when another zone fails; `single` saves cost in
   * non-production environments.
   * @default 'perZone'
   */
  readonly natGateways?: NatGatewayMode;
  /** ARN of the KMS key (not an alias) that encrypts the flow-log group. */
  readonly flowLogKmsKeyArn: pulumi.Input<string>;
  /**
   * Days to keep flow logs; one of CloudWatch's values from 365 up.
   * @default 365
   */
  readonly flowLogRetentionDays?: number;
  /**
   * Environment name for tags and the log group name.
   * @default the Pulumi stack name
   */
  readonly environment?: string;
}

export interface NetworkSettings {
  readonly zoneCount: number;
  readonly natGateways: NatGatewayMode;
  readonly flowLogRetentionDays: number;
  readonly environment: string;
  readonly subnets: readonly PlannedSubnet[];
  readonly flowLogGroupName: string;
}

/** HIPAA baseline: every tier in at least two zones (ELB.13, RDS.15). */
export const MIN_ZONES = 2;

/** Checks every argument and returns the resolved settings, or throws once with all problems. */
export function resolveNetworkSettings(
  name: string,
  args: NetworkArgs,
  stack: string,
): NetworkSettings {
  const check = new SettingsCheck(`Network "${name}"`);
  const zoneCount = args.zoneCount ?? 3;
  const natGateways = args.natGateways ?? 'perZone';
  const flowLogRetentionDays = args.flowLogRetentionDays ?? 365;
  const environment = args.environment ?? stack;

  const zonesOk = check.require(isIntegerBetween(zoneCount, MIN_ZONES, DEFAULT_MAX_ZONES), {
    setting: 'zoneCount',
    value: zoneCount,
    allowed: `a whole number from ${MIN_ZONES} to ${DEFAULT_MAX_ZONES}`,
    reason: 'each tier must span at least two zones',
  });
  check.require(NAT_GATEWAY_MODES.includes(natGateways), {
    setting: 'natGateways',
    value: natGateways,
    allowed: NAT_GATEWAY_MODES.map((m) => `'${m}'`).join(' or '),
  });
  check.require(isAllowedLogRetention(flowLogRetentionDays), {
    setting: 'flowLogRetentionDays',
    value: flowLogRetentionDays,
    allowed: LOG_RETENTION_ALLOWED,
    reason: "CloudWatch Logs' fixed values, at least a year for audit data",
  });
  if (typeof args.flowLogKmsKeyArn === 'string') {
    check.require(isKmsKeyArn(args.flowLogKmsKeyArn), {
      setting: 'flowLogKmsKeyArn',
      value: args.flowLogKmsKeyArn,
      allowed: 'a KMS key ARN, arn:<partition>:kms:<region>:<account>:key/<id> (not an alias)',
      reason: 'CloudWatch Logs accepts only a key ARN',
    });
  } else if (args.flowLogKmsKeyArn === undefined || args.flowLogKmsKeyArn === null) {
    check.add({ setting: 'flowLogKmsKeyArn', value: undefined, allowed: 'a KMS key ARN' });
  }
  check.require(/^[A-Za-z0-9_.#-]+$/.test(environment) && /^[A-Za-z0-9_.#-]+$/.test(name), {
    setting: 'environment / component name',
    value: { environment, name },
    allowed: 'letters, digits and _ . # - (they become part of the log group name)',
  });

  let subnets: PlannedSubnet[] = [];
  if (zonesOk) {
    try {
      subnets = planSubnets(args.cidrBlock, zoneCount);
    } catch (err) {
      check.add({
        setting: 'cidrBlock',
        value: args.cidrBlock,
        allowed: (err as Error).message,
      });
    }
  }
  check.throwIfAny();

  return {
    zoneCount,
    natGateways,
    flowLogRetentionDays,
    environment,
    subnets,
    flowLogGroupName: `/phi-platform/${environment}/vpc-flow-logs/${name}`,
  };
}

function isKmsKeyArn(value: string): boolean {
  try {
    const arn = parseArn(value);
    return arn.service === 'kms' && /^key\/[A-Za-z0-9-]+$/.test(arn.resource);
  } catch {
    return false;
  }
}
