import { OfflineRuntime, RecordedResource } from '@phi-platform/offline';

/** The regions every component test runs in: commercial, GovCloud, China, and an opt-in one. */
export const REGIONS = [
  { region: 'us-east-1', partition: 'aws' },
  { region: 'us-gov-west-1', partition: 'aws-us-gov' },
  { region: 'cn-northwest-1', partition: 'aws-cn' },
  { region: 'ap-southeast-7', partition: 'aws' },
] as const;

export const NETWORK = {
  vpcId: 'vpc-0123456789abcdef0',
  isolatedSubnetIds: ['subnet-0aaa', 'subnet-0bbb', 'subnet-0ccc'],
  appSecurityGroupId: 'sg-0app',
};

/** The platform key's ARN as the mocks answered it. */
export function keyArnOf(rt: OfflineRuntime): string {
  return rt.one('aws:kms/key:Key').state['arn'] as string;
}

/** Resources created by the AWS and random providers (not components). */
export function providerResources(rt: OfflineRuntime): RecordedResource[] {
  return rt.resources().filter((r) => r.type.startsWith('aws:') || r.type.startsWith('random:'));
}

/** Ingress and egress rules of the security group created under `traffic`. */
export function rulesOf(rt: OfflineRuntime, groupId: string) {
  const ingress = rt
    .byType('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule')
    .filter((r) => r.inputs['securityGroupId'] === groupId);
  const egress = rt
    .byType('aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule')
    .filter((r) => r.inputs['securityGroupId'] === groupId);
  return { ingress, egress };
}
