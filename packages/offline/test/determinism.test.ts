import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { installMocks, InstallMocksOptions, redactPaths, toPlanResources, unwrap } from '../src';
import { IdSource } from '../src/ids';
import { smallProgram } from '../examples/small-program';

class Box extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super('phi-platform:test:Box', name, {}, opts);
    new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: '10.0.0.0/16' }, { parent: this });
    this.registerOutputs({});
  }
}

/** The small program plus one resource of each builder that invents more than an id. */
function wideProgram() {
  const small = smallProgram('det');
  const role = new aws.iam.Role('det-role', { assumeRolePolicy: '{}' });
  new aws.ec2.Eip('det-eip', { domain: 'vpc' });
  new aws.ec2.NatGateway('det-nat', { subnetId: 'subnet-1', allocationId: 'eipalloc-1' });
  new aws.rds.Cluster('det-db', { engine: 'aurora-postgresql', manageMasterUserPassword: true });
  new aws.elasticache.ReplicationGroup('det-cache', { description: 'x', numCacheClusters: 2 });
  const lb = new aws.lb.LoadBalancer('det-lb', { internal: true });
  new aws.lb.Listener('det-listener', {
    loadBalancerArn: lb.arn,
    defaultActions: [{ type: 'fixed-response' }],
  });
  new aws.acm.Certificate('det-cert', { domainName: 'app.example.org' });
  const ca = new aws.acmpca.CertificateAuthority('det-ca', {
    certificateAuthorityConfiguration: {
      keyAlgorithm: 'EC_prime256v1',
      signingAlgorithm: 'SHA256WITHECDSA',
      subject: { commonName: 'internal' },
    },
  });
  const root = new aws.acmpca.Certificate('det-root', {
    certificateAuthorityArn: ca.arn,
    certificateSigningRequest: ca.certificateSigningRequest,
    signingAlgorithm: 'SHA256WITHECDSA',
    templateArn: 'arn:aws:acm-pca:::template/RootCACertificate/V1',
    validity: { type: 'DAYS', value: '7' },
  });
  new aws.acmpca.CertificateAuthorityCertificate('det-install', {
    certificateAuthorityArn: ca.arn,
    certificate: root.certificate,
  });
  const west = new aws.Provider('det-west', { region: 'us-west-2' });
  new aws.kms.Key('det-west-key', {}, { provider: west });
  new random.RandomId('det-suffix', { byteLength: 4 });
  new random.RandomUuid('det-uuid', {});
  return { ...small, roleArn: role.arn };
}

/** Per URN: the id and the state with secret values blanked (they must differ per run). */
async function recordedIds(options: InstallMocksOptions, program: () => unknown) {
  const rt = installMocks(options);
  const { resources } = await rt.run(program);
  return {
    rt,
    byUrn: Object.fromEntries(
      resources.map((r) => [r.urn, { id: r.id, state: redactPaths(r.state, r.stateSecretPaths) }]),
    ),
    plan: toPlanResources(resources),
  };
}

describe('ids and ARNs are a function of the resource', () => {
  const options = { region: 'us-gov-west-1' };

  test('two runs of the same program record the same ids, ARNs and plan', async () => {
    const a = await recordedIds(options, wideProgram);
    const b = await recordedIds(options, wideProgram);
    // Every custom resource of the program (24, the explicit provider included) was compared.
    expect(Object.values(a.byUrn).filter((r) => r.id !== '')).toHaveLength(24);
    expect(b.byUrn).toEqual(a.byUrn);
    expect(b.plan).toEqual(a.plan);
    const key = a.rt.one('aws:kms/key:Key', 'det-key');
    expect(key.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(key.state['arn']).toBe(`arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/${key.id}`);
    const westKey = a.rt.one('aws:kms/key:Key', 'det-west-key');
    expect(westKey.state['arn']).toBe(`arn:aws:kms:us-west-2:123456789012:key/${westKey.id}`);
    expect(a.rt.one('aws:ec2/eip:Eip').state['publicIp']).toMatch(
      /^198\.51\.100\.([1-9]|[1-9]\d|1\d\d|2[0-4]\d|25[0-4])$/,
    );
    expect(a.rt.one('aws:iam/role:Role').state['createDate']).toBe('2024-01-01T00:00:00.000Z');
    expect(a.rt.one('random:index/randomId:RandomId').state['hex']).toMatch(/^[0-9a-f]{8}$/);
  });

  test('two resource names give different ids', async () => {
    const a = await recordedIds(options, () => smallProgram('alpha'));
    const b = await recordedIds(options, () => smallProgram('beta'));
    // RandomPassword's id is the constant 'none', as the random provider reports it.
    const idsOf = (byUrn: typeof a.byUrn) =>
      Object.values(byUrn)
        .map((r) => r.id)
        .filter((id) => id !== '' && id !== 'none');
    expect(idsOf(a.byUrn)).toHaveLength(8);
    expect(idsOf(a.byUrn).filter((id) => idsOf(b.byUrn).includes(id))).toEqual([]);
    expect(a.rt.one('aws:ec2/vpc:Vpc').id).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(b.rt.one('aws:ec2/vpc:Vpc').id).not.toBe(a.rt.one('aws:ec2/vpc:Vpc').id);
  });

  test.each([
    ['account', { ...options, accountId: '210987654321' }],
    ['region', { region: 'us-gov-east-1' }],
  ])('another %s gives other ids for the same program', async (_what, other) => {
    const a = await recordedIds(options, () => smallProgram('same'));
    const b = await recordedIds(other, () => smallProgram('same'));
    expect(b.rt.one('aws:kms/key:Key').id).not.toBe(a.rt.one('aws:kms/key:Key').id);
    expect(b.rt.one('aws:ec2/vpc:Vpc').id).not.toBe(a.rt.one('aws:ec2/vpc:Vpc').id);
  });

  test('ids are seeded with the URN the engine records, for nested children too', async () => {
    const rt = installMocks({ region: 'us-east-1', accountId: '111122223333' });
    await rt.run(() => new Box('inner', { parent: new Box('outer') }));
    const vpcs = rt.byType('aws:ec2/vpc:Vpc');
    expect(vpcs.map((r) => r.urn)).toEqual([
      'urn:pulumi:offline::phi-platform::phi-platform:test:Box$aws:ec2/vpc:Vpc::outer-vpc',
      'urn:pulumi:offline::phi-platform::phi-platform:test:Box$aws:ec2/vpc:Vpc::inner-vpc',
    ]);
    for (const vpc of vpcs) {
      const seed = {
        urn: vpc.urn,
        partition: 'aws',
        region: 'us-east-1',
        accountId: '111122223333',
      };
      expect(vpc.id).toBe(new IdSource(seed, new Set()).ec2Id('vpc'));
    }
  });

  test('a URN registered twice in one runtime still gets ids of its own', async () => {
    const rt = installMocks(options);
    const first = await rt.run(() => smallProgram('twice'));
    const second = await rt.run(() => smallProgram('twice'));
    const vpcIds = [await unwrap(first.value.vpcId), await unwrap(second.value.vpcId)];
    expect(vpcIds[1]).not.toBe(vpcIds[0]);
    expect(vpcIds[1]).toMatch(/^vpc-[0-9a-f]{17}$/);
  });
});

describe('secret values stay random', () => {
  test('the same RandomPassword and RandomString differ between runs', async () => {
    const program = () => ({
      password: new random.RandomPassword('pw', { length: 24 }).result,
      token: new random.RandomString('token', { length: 24 }).result,
    });
    const firstRt = installMocks({ region: 'us-east-1' });
    const first = (await firstRt.run(program)).value;
    const firstValues = [await unwrap(first.password), await unwrap(first.token)];
    const secondRt = installMocks({ region: 'us-east-1' });
    const second = (await secondRt.run(program)).value;
    const secondValues = [await unwrap(second.password), await unwrap(second.token)];
    expect(secondValues[0]).toHaveLength(24);
    expect(secondValues[0]).not.toBe(firstValues[0]);
    expect(secondValues[1]).not.toBe(firstValues[1]);
    // The same URNs, so any difference comes from the random source, not the id stream.
    expect(secondRt.resources().map((r) => r.urn)).toEqual(firstRt.resources().map((r) => r.urn));
  });
});
