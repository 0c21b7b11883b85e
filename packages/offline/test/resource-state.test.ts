import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { installMocks, isKnownType, unwrap } from '../src';

const A = '123456789012';

describe.each([
  ['us-gov-west-1', 'aws-us-gov', 'amazonaws.com', 'usgw1'],
  ['cn-northwest-1', 'aws-cn', 'amazonaws.com.cn', 'cnnw1'],
])('resource state in %s', (region, p, suffix, short) => {
  test('ARNs, ids and endpoints follow each type format in the partition', async () => {
    const rt = installMocks({ region });
    await rt.run(() => {
      const role = new aws.iam.Role('task', { assumeRolePolicy: '{}', path: '/service/' });
      new aws.iam.Policy('read', { policy: '{}' });
      new aws.rds.Cluster('db', {
        engine: 'aurora-postgresql',
        manageMasterUserPassword: true,
      });
      new aws.rds.ClusterParameterGroup('DbParams', { family: 'aurora-postgresql16' });
      new aws.elasticache.ReplicationGroup('cache', { description: 'x', numCacheClusters: 2 });
      const cluster = new aws.ecs.Cluster('svc');
      new aws.ecs.TaskDefinition('task', { family: 'web', containerDefinitions: '[]' });
      new aws.ecs.Service('web', { cluster: cluster.arn });
      new aws.lb.LoadBalancer('ingress', { internal: false });
      new aws.acm.Certificate('cert', { domainName: 'app.example.org', validationMethod: 'DNS' });
      new aws.acmpca.CertificateAuthority('ca', {
        certificateAuthorityConfiguration: {
          keyAlgorithm: 'EC_prime256v1',
          signingAlgorithm: 'SHA256WITHECDSA',
          subject: { commonName: 'internal' },
        },
      });
      new aws.servicediscovery.PrivateDnsNamespace('ns', { name: 'svc.internal', vpc: 'vpc-1' });
      new aws.ec2.VpcEndpoint('sm', {
        vpcId: 'vpc-1',
        serviceName: `com.amazonaws.${region}.secretsmanager`,
        vpcEndpointType: 'Interface',
        subnetIds: ['subnet-1', 'subnet-2'],
      });
      return role;
    });
    const s = (type: string) => rt.one(type).state;
    expect(s('aws:iam/role:Role')['arn']).toMatch(
      new RegExp(`^arn:${p}:iam::${A}:role/service/task-[0-9a-f]{7}$`),
    );
    expect(s('aws:iam/policy:Policy')['arn']).toMatch(
      new RegExp(`^arn:${p}:iam::${A}:policy/read-[0-9a-f]{7}$`),
    );
    const db = rt.one('aws:rds/cluster:Cluster');
    expect(db.id).toMatch(/^db-[0-9a-f]{7}$/);
    expect(db.state['arn']).toBe(`arn:${p}:rds:${region}:${A}:cluster:${db.id}`);
    expect(db.state['port']).toBe(5432);
    const rdsTail = p === 'aws-cn' ? `rds\\.${region}\\.${suffix}` : `${region}\\.rds\\.${suffix}`;
    expect(db.state['endpoint']).toMatch(
      new RegExp(`^${db.id}\\.cluster-[a-z0-9]{12}\\.${rdsTail}$`),
    );
    expect(db.state['readerEndpoint']).toMatch(
      new RegExp(`^${db.id}\\.cluster-ro-[a-z0-9]{12}\\.${rdsTail}$`),
    );
    expect((db.state['masterUserSecrets'] as { secretArn: string }[])[0]?.secretArn).toMatch(
      new RegExp(`^arn:${p}:secretsmanager:${region}:${A}:secret:rds!cluster-`),
    );
    expect(s('aws:rds/clusterParameterGroup:ClusterParameterGroup')['arn']).toMatch(
      new RegExp(`^arn:${p}:rds:${region}:${A}:cluster-pg:dbparams-[0-9a-f]{7}$`),
    );
    const cache = rt.one('aws:elasticache/replicationGroup:ReplicationGroup');
    expect(cache.state['arn']).toBe(
      `arn:${p}:elasticache:${region}:${A}:replicationgroup:${cache.id}`,
    );
    expect(cache.state['primaryEndpointAddress']).toMatch(
      new RegExp(`^master\\.${cache.id}\\.[a-z0-9]{6}\\.${short}\\.cache\\.${suffix}$`),
    );
    expect(cache.state['memberClusters']).toEqual([`${cache.id}-001`, `${cache.id}-002`]);
    const ecs = rt.one('aws:ecs/cluster:Cluster');
    expect(ecs.state['arn']).toBe(
      `arn:${p}:ecs:${region}:${A}:cluster/${String(ecs.state['name'])}`,
    );
    expect(s('aws:ecs/taskDefinition:TaskDefinition')['arn']).toBe(
      `arn:${p}:ecs:${region}:${A}:task-definition/web:1`,
    );
    expect(s('aws:ecs/service:Service')['arn']).toMatch(
      new RegExp(
        `^arn:${p}:ecs:${region}:${A}:service/${String(ecs.state['name'])}/web-[0-9a-f]{7}$`,
      ),
    );
    const lb = rt.one('aws:lb/loadBalancer:LoadBalancer');
    expect(lb.state['arn']).toMatch(
      new RegExp(
        `^arn:${p}:elasticloadbalancing:${region}:${A}:` +
          'loadbalancer/app/ingress-[0-9a-f]{7}/[0-9a-f]{16}$',
      ),
    );
    expect(lb.state['dnsName']).toMatch(
      new RegExp(`^ingress-[0-9a-f]{7}-\\d{10}\\.${region}\\.elb\\.${suffix}$`),
    );
    const cert = rt.one('aws:acm/certificate:Certificate').state;
    expect(cert['arn']).toMatch(
      new RegExp(`^arn:${p}:acm:${region}:${A}:certificate/[0-9a-f-]{36}$`),
    );
    expect(cert['domainValidationOptions']).toEqual([
      expect.objectContaining({ domainName: 'app.example.org', resourceRecordType: 'CNAME' }),
    ]);
    expect(s('aws:acmpca/certificateAuthority:CertificateAuthority')['arn']).toMatch(
      new RegExp(`^arn:${p}:acm-pca:${region}:${A}:certificate-authority/[0-9a-f-]{36}$`),
    );
    const ns = rt.one('aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace');
    expect(ns.state['arn']).toBe(`arn:${p}:servicediscovery:${region}:${A}:namespace/${ns.id}`);
    const vpce = rt.one('aws:ec2/vpcEndpoint:VpcEndpoint');
    expect(vpce.state['dnsEntries']).toEqual([
      expect.objectContaining({
        dnsName: expect.stringMatching(
          new RegExp(`^${vpce.id}-[a-z0-9]{8}\\.secretsmanager\\.${region}\\.vpce\\.${suffix}$`),
        ) as unknown,
      }),
    ]);
    expect(vpce.state['networkInterfaceIds']).toHaveLength(2);
  });
});

test('unknown types are recorded with a generic id and no invented ARN', async () => {
  const rt = installMocks({ region: 'us-east-1' });
  expect(isKnownType('aws:sns/topic:Topic')).toBe(false);
  await rt.run(() => new aws.sns.Topic('alerts', { kmsMasterKeyId: 'alias/x' }));
  const topic = rt.one('aws:sns/topic:Topic');
  expect(topic.id).toMatch(/^alerts-[0-9a-f]{8}$/);
  expect(topic.state['arn']).toBeUndefined();
  expect(topic.inputs).toEqual({ kmsMasterKeyId: 'alias/x' });
});

test('a provider region or a resource region input decides the region of the ARN', async () => {
  const rt = installMocks({ region: 'us-east-1' });
  const { value } = await rt.run(() => {
    const west = new aws.Provider('west', { region: 'us-west-2' });
    return {
      viaProvider: new aws.kms.Key('k1', {}, { provider: west }).arn,
      viaInput: new aws.kms.Key('k2', { region: 'eu-west-1' }).arn,
      zones: aws.getAvailabilityZonesOutput({}, { provider: west }).names,
    };
  });
  expect(await unwrap(value.viaProvider)).toMatch(/^arn:aws:kms:us-west-2:123456789012:key\//);
  expect(await unwrap(value.viaInput)).toMatch(/^arn:aws:kms:eu-west-1:123456789012:key\//);
  expect(await unwrap(value.zones)).toEqual([
    'us-west-2a',
    'us-west-2b',
    'us-west-2c',
    'us-west-2d',
  ]);
});

test('config is visible to the program and a replaced runtime refuses to run', async () => {
  const old = installMocks({ region: 'us-east-1' });
  const rt = installMocks({
    region: 'eu-central-1',
    project: 'shop',
    stack: 'prod',
    config: { 'shop:tier': 'gold' },
  });
  expect(new pulumi.Config('shop').require('tier')).toBe('gold');
  expect(new pulumi.Config('aws').require('region')).toBe('eu-central-1');
  const { value } = await rt.run(() => new aws.kms.Key('k', {}).urn);
  expect(await unwrap(value)).toBe('urn:pulumi:prod::shop::aws:kms/key:Key::k');
  await expect(old.run(() => 1)).rejects.toThrow(/replaced by a later installMocks/);
});
