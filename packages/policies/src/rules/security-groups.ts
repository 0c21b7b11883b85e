/** Security-group rules: the internet reaches HTTPS on the load balancer only. */
import { resourcePolicy, ResourcePolicy } from '../definitions';
import { T } from '../resource-types';
import { isUnknown } from '../values';
import { isAnywhere } from './common';
import { describePorts, isHttpsOnly, portRange, RuleFacts, rulesOf } from './sg-rules';

const RULE_TYPES = [
  T.ingressRule,
  T.egressRule,
  T.securityGroupRule,
  T.securityGroup,
  T.defaultSecurityGroup,
];

/** Administration, file transfer and data-store ports that must never face the internet. */
export const SENSITIVE_PORTS: readonly number[] = [
  20, 21, 22, 23, 135, 445, 1433, 1521, 2049, 3306, 3389, 4333, 5432, 5439, 6379, 9200, 11211,
  27017,
];

function fromInternet(rule: RuleFacts): boolean {
  return rule.direction === 'ingress' && rule.cidrs.some(isAnywhere);
}

function exposesSensitivePort(rule: RuleFacts): number | 'all' | undefined {
  if (rule.protocol === 'all') return 'all';
  const range = portRange(rule);
  if (!range) return undefined;
  return SENSITIVE_PORTS.find((port) => port >= range[0] && port <= range[1]);
}

function undeterminedRule(rule: RuleFacts): boolean {
  return rule.cidrs.some(isUnknown) || isUnknown(rule.protocol);
}

export const SG_02 = resourcePolicy({
  id: 'SG-02',
  catalogueSeverity: 'C',
  description:
    'No ingress from 0.0.0.0/0 or ::/0 to administration or data-store ports, nor all traffic.',
  remediation:
    'admit the port from a named security group (TrafficGroup.allowFrom); reach hosts through ' +
    'SSM or ECS Exec, never SSH/RDP from the internet',
  derivedFrom: [
    'HIPAA.Security-EC2RestrictedSSH',
    'HIPAA.Security-EC2RestrictedCommonPorts',
    'restricted-ssh',
    'restricted-common-ports',
    'CKV_AWS_24',
    'CKV_AWS_25',
    'EC2.13',
    'EC2.14',
    'EC2.19',
  ],
  types: RULE_TYPES,
  validate(resource, report) {
    for (const rule of rulesOf(resource)) {
      if (rule.direction !== 'ingress') continue;
      if (undeterminedRule(rule)) {
        report.undetermined(`source or protocol of ${rule.label} is not known yet`);
        continue;
      }
      if (!fromInternet(rule)) continue;
      const port = exposesSensitivePort(rule);
      if (port === undefined) continue;
      report.violation(
        `${rule.label} admits the internet to ${
          port === 'all' ? 'all protocols and ports' : `port ${port}`
        } (${describePorts(rule)})`,
      );
    }
  },
});

export const SG_01 = resourcePolicy({
  id: 'SG-01',
  catalogueSeverity: 'C',
  description:
    'No ingress from 0.0.0.0/0 or ::/0 except TCP 443 on the public load balancer (waived).',
  remediation:
    'admit traffic from named security groups; internet HTTPS only through ' +
    'TrafficGroup.allowInternetHttps on the load balancer group',
  derivedFrom: [
    'AwsSolutions-EC23',
    'vpc-sg-open-only-to-authorized-ports',
    'CKV_AWS_277',
    'CKV_AWS_260',
    'EC2.18',
    'aws-ec2-securitygroup-disallow-public-internet-ingress',
  ],
  types: RULE_TYPES,
  validate(resource, report) {
    for (const rule of rulesOf(resource)) {
      if (rule.direction !== 'ingress' || undeterminedRule(rule) || !fromInternet(rule)) continue;
      // SG-02 owns the sensitive ports; one finding per problem.
      if (exposesSensitivePort(rule) !== undefined) continue;
      if (isHttpsOnly(rule)) {
        report.violation(`${rule.label} admits HTTPS (tcp/443) from the internet`, {
          hint: 'only the internet-facing load balancer group may do this, under waiver alb-internet-https',
        });
      } else {
        report.violation(`${rule.label} admits the internet to ${describePorts(rule)}`);
      }
    }
  },
});

export const SG_03 = resourcePolicy({
  id: 'SG-03',
  catalogueSeverity: 'H',
  description: 'Ingress between tiers names a source security group, not a CIDR block.',
  remediation: 'use TrafficGroup.allowFrom with sourceSecurityGroupId',
  derivedFrom: ['catalogue SG-03 (no public rule checks it)'],
  types: RULE_TYPES,
  validate(resource, report) {
    for (const rule of rulesOf(resource)) {
      if (rule.direction !== 'ingress') continue;
      for (const cidr of rule.cidrs) {
        if (isUnknown(cidr)) report.undetermined(`a source CIDR of ${rule.label} is not known yet`);
        else if (!isAnywhere(cidr)) {
          report.violation(`${rule.label} admits ${cidr} by CIDR (${describePorts(rule)})`);
        }
      }
    }
  },
});

export const SG_04 = resourcePolicy({
  id: 'SG-04',
  catalogueSeverity: 'M',
  description: 'No egress of all protocols and ports to 0.0.0.0/0 or ::/0.',
  remediation:
    'allow egress per port to named groups, prefix lists or the VPC (TrafficGroup.allowTo)',
  derivedFrom: ['CKV_AWS_382'],
  types: RULE_TYPES,
  validate(resource, report) {
    for (const rule of rulesOf(resource)) {
      if (rule.direction !== 'egress' || undeterminedRule(rule)) continue;
      if (rule.protocol === 'all' && rule.cidrs.some(isAnywhere)) {
        report.violation(`${rule.label} lets all traffic out to the internet`);
      }
    }
  },
});

export const SECURITY_GROUP_POLICIES: readonly ResourcePolicy[] = [SG_01, SG_02, SG_03, SG_04];
