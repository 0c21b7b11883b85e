import { installMocks, unwrap } from '@phi-platform/offline';
import { buildNetwork } from '../examples/network';

test.each(['us-east-1', 'cn-northwest-1'])('the example program runs in %s', async (region) => {
  const rt = installMocks({ region });
  const key = `arn:${rt.partition}:kms:${region}:${rt.accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const { value } = await rt.run(() => buildNetwork(key));

  expect(await unwrap(value.network.availabilityZones)).toHaveLength(2);
  expect(rt.byType('aws:ec2/natGateway:NatGateway')).toHaveLength(1);
  const sgId = (name: string): string => rt.one('aws:ec2/securityGroup:SecurityGroup', name).id;
  expect(
    rt.one(
      'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule',
      'database-postgres-from-app',
    ).inputs,
  ).toMatchObject({
    securityGroupId: sgId('database-sg'),
    referencedSecurityGroupId: sgId('app-sg'),
    fromPort: 5432,
    toPort: 5432,
  });
  expect(
    rt.one('aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule', 'app-https-to-endpoints')
      .inputs['referencedSecurityGroupId'],
  ).toBe(await unwrap(value.network.endpointSecurityGroupId));
  const everyRuleCidr = rt
    .resources()
    .filter((r) => r.type.startsWith('aws:vpc/securityGroup'))
    .map((r) => r.inputs['cidrIpv4'] ?? r.inputs['cidrIpv6']);
  expect(everyRuleCidr).not.toContain('0.0.0.0/0');
  expect(everyRuleCidr).not.toContain('::/0');
});
