import { installMocks, OfflineRuntime, RecordedResource } from '@phi-platform/offline';
import { TrafficGroup } from '../src';

const INGRESS = 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule';
const EGRESS = 'aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule';

let rt: OfflineRuntime;
beforeEach(() => {
  rt = installMocks({ region: 'us-east-1' });
});

const group = (name = 'app'): TrafficGroup =>
  new TrafficGroup(name, { vpcId: 'vpc-0123456789abcdef0', description: 'Application tasks' });

const allCidrs = (): unknown[] =>
  [...rt.byType(INGRESS), ...rt.byType(EGRESS)].flatMap((r: RecordedResource) => [
    r.inputs['cidrIpv4'],
    r.inputs['cidrIpv6'],
  ]);

test('wraps one security group with no inline rules', async () => {
  const { value: g } = await rt.run(() => group());
  const sg = rt.one('aws:ec2/securityGroup:SecurityGroup');
  expect(sg.inputs).toMatchObject({
    vpcId: 'vpc-0123456789abcdef0',
    description: 'Application tasks',
    revokeRulesOnDelete: true,
  });
  expect(sg.inputs).not.toHaveProperty('ingress');
  expect(sg.inputs).not.toHaveProperty('egress');
  expect(sg.parent).toBe(rt.one('phi-platform:networking:TrafficGroup').urn);
  expect(g).toBeInstanceOf(TrafficGroup);
});

test('allowFrom and allowTo create one single-port TCP rule each, children of the group', async () => {
  await rt.run(() => {
    const app = group('app');
    const db = group('db');
    db.allowFrom('pg-from-app', {
      sourceSecurityGroupId: app.securityGroupId,
      port: 5432,
      description: 'PostgreSQL from app',
    });
    app.allowTo('pg-to-db', {
      destinationSecurityGroupId: db.securityGroupId,
      port: 5432,
      description: 'PostgreSQL to db',
    });
    app.allowTo('https-to-s3', {
      destinationPrefixListId: 'pl-63a5400a',
      port: 443,
      description: 'HTTPS to S3',
    });
    app.allowTo('https-in-vpc', { cidrIpv4: '10.0.0.0/16', port: 443, description: 'VPC' });
  });
  const sgId = (name: string): string => rt.one('aws:ec2/securityGroup:SecurityGroup', name).id;
  const groupUrn = (name: string): string =>
    rt.one('phi-platform:networking:TrafficGroup', name).urn;

  const ingress = rt.one(INGRESS, 'db-pg-from-app');
  expect(ingress.inputs).toMatchObject({
    securityGroupId: sgId('db-sg'),
    referencedSecurityGroupId: sgId('app-sg'),
    ipProtocol: 'tcp',
    fromPort: 5432,
    toPort: 5432,
    description: 'PostgreSQL from app',
  });
  expect(ingress.inputs).not.toHaveProperty('cidrIpv4');
  expect(ingress.parent).toBe(groupUrn('db'));

  expect(rt.one(EGRESS, 'app-pg-to-db').inputs).toMatchObject({
    securityGroupId: sgId('app-sg'),
    referencedSecurityGroupId: sgId('db-sg'),
    fromPort: 5432,
    toPort: 5432,
  });
  expect(rt.one(EGRESS, 'app-https-to-s3').inputs).toMatchObject({
    prefixListId: 'pl-63a5400a',
    fromPort: 443,
  });
  expect(rt.one(EGRESS, 'app-https-in-vpc').inputs).toMatchObject({
    cidrIpv4: '10.0.0.0/16',
    fromPort: 443,
  });
  for (const r of [...rt.byType(INGRESS), ...rt.byType(EGRESS)]) {
    expect(r.inputs['description']).toEqual(expect.any(String));
  }
  expect(allCidrs()).not.toContain('0.0.0.0/0');
});

test('allowInternetHttps is the only way to 0.0.0.0/0 and ::/0, and only on 443', async () => {
  await rt.run(() => group('alb').allowInternetHttps('https-in'));
  const rules = rt.byType(INGRESS);
  expect(
    rules.map((r) => [r.name, r.inputs['cidrIpv4'] ?? r.inputs['cidrIpv6'], r.inputs['fromPort']]),
  ).toEqual([
    ['alb-https-in-ipv4', '0.0.0.0/0', 443],
    ['alb-https-in-ipv6', '::/0', 443],
  ]);
  for (const r of rules) {
    expect(r.inputs).toMatchObject({ ipProtocol: 'tcp', toPort: 443 });
    expect(r.inputs['description']).toBe('HTTPS from the internet to the public load balancer');
  }
});

test.each(['0.0.0.0/0', '::/0', '10.0.0.0/0'])(
  'refuses %s in allowFrom and allowTo',
  async (cidr) => {
    await rt.run(() => {
      const g = group();
      expect(() => g.allowFrom('in', { cidrIpv4: cidr, port: 443, description: 'x' })).toThrow(
        /in\.cidrIpv4: got ".*"; allowed: a CIDR block inside the VPC; the internet only through allowInternetHttps/,
      );
      expect(() => g.allowTo('out', { cidrIpv4: cidr, port: 443, description: 'x' })).toThrow(
        /out\.cidrIpv4: got ".*"; allowed: a CIDR block inside the VPC/,
      );
    });
    expect(rt.byType(INGRESS)).toEqual([]);
    expect(rt.byType(EGRESS)).toEqual([]);
  },
);

test('reports every bad rule argument at once, and registers nothing', async () => {
  await rt.run(() => {
    const g = group();
    expect(() =>
      g.allowFrom('Bad Name', {
        sourceSecurityGroupId: 'sg-1',
        cidrIpv4: '10.0.0.0/8',
        port: 70000,
        description: '',
      } as never),
    ).toThrow(
      /\(4\):\n.*ruleName: got "Bad Name".*\n.*port: got 70000.*\n.*description: got "".*\n.*exactly one of the two/,
    );
  });
  expect(rt.byType(INGRESS)).toEqual([]);
});

test('rule names must be unique within a group', async () => {
  await rt.run(() => {
    const g = group();
    g.allowFrom('https', { sourceSecurityGroupId: 'sg-1', port: 443, description: 'one' });
    expect(() =>
      g.allowTo('https', { destinationSecurityGroupId: 'sg-2', port: 443, description: 'two' }),
    ).toThrow(/ruleName: got "https"; allowed: a name not used by another rule/);
  });
});

test('a group needs a description AWS accepts', async () => {
  await rt.run(() => {
    expect(() => new TrafficGroup('x', { vpcId: 'vpc-1', description: '' })).toThrow(
      /TrafficGroup "x".*\n.*description: got ""/,
    );
    expect(() => new TrafficGroup('y', { vpcId: 'vpc-1', description: 'naïve' })).toThrow(
      /description: got "naïve"/,
    );
  });
  expect(rt.byType('aws:ec2/securityGroup:SecurityGroup')).toEqual([]);
});
