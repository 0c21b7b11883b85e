import * as aws from '@pulumi/aws';
import { ELB_ACCOUNT_IDS, elbAccountId, installMocks, isKnownRegion, unwrap } from '../src';

describe('aws.elb.getServiceAccount', () => {
  test.each([
    ['us-east-1', 'aws', '127311923021'],
    ['eu-central-1', 'aws', '054676820928'],
    ['us-gov-west-1', 'aws-us-gov', '048591011584'],
    ['cn-northwest-1', 'aws-cn', '037604701340'],
  ])('%s: the region account, in an ARN of the partition', async (region, partition, account) => {
    const rt = installMocks({ region });
    const { value } = await rt.run(() => aws.elb.getServiceAccount());
    expect(value).toEqual({ arn: `arn:${partition}:iam::${account}:root`, id: account, region });
  });

  test('a region given explicitly is answered with the provider partition', async () => {
    const rt = installMocks({ region: 'us-east-1' });
    const { value } = await rt.run(() => aws.elb.getServiceAccount({ region: 'eu-west-1' }));
    expect(value.arn).toBe('arn:aws:iam::156460612806:root');
  });

  test.each(['ap-southeast-7', 'me-central-1', 'eu-central-2', 'ca-west-1'])(
    '%s (log-delivery principal region) fails as the provider does',
    async (region) => {
      const rt = installMocks({ region });
      await expect(rt.run(() => aws.elb.getServiceAccount())).rejects.toThrow(
        `unsupported AWS Region: ${region}`,
      );
    },
  );

  test('as a resource input, an unsupported region rejects the run', async () => {
    const rt = installMocks({ region: 'ap-southeast-7' });
    await expect(
      rt.run(() => {
        const account = aws.elb.getServiceAccountOutput();
        return new aws.s3.BucketPolicy('logs', {
          bucket: 'logs',
          policy: account.arn.apply((arn) => JSON.stringify({ Principal: { AWS: arn } })),
        });
      }),
    ).rejects.toThrow('unsupported AWS Region: ap-southeast-7');
  });

  test('the table holds only real regions and twelve-digit accounts', () => {
    for (const [region, account] of Object.entries(ELB_ACCOUNT_IDS)) {
      expect(isKnownRegion(region)).toBe(true);
      expect(account).toMatch(/^\d{12}$/);
    }
    expect(Object.keys(ELB_ACCOUNT_IDS)).toHaveLength(26);
    expect(elbAccountId('toString')).toBeUndefined();
  });
});

describe('AWS Private CA state', () => {
  test.each([
    ['us-east-1', 'aws'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['cn-northwest-1', 'aws-cn'],
  ])('%s: a root CA, its self-signed certificate and the installation', async (region, p) => {
    const rt = installMocks({ region });
    const { value } = await rt.run(() => {
      const ca = new aws.acmpca.CertificateAuthority('ca', {
        type: 'ROOT',
        certificateAuthorityConfiguration: {
          keyAlgorithm: 'EC_prime256v1',
          signingAlgorithm: 'SHA256WITHECDSA',
          subject: { commonName: 'internal' },
        },
      });
      const root = new aws.acmpca.Certificate('root', {
        certificateAuthorityArn: ca.arn,
        certificateSigningRequest: ca.certificateSigningRequest,
        signingAlgorithm: 'SHA256WITHECDSA',
        templateArn: `arn:${p}:acm-pca:::template/RootCACertificate/V1`,
        validity: { type: 'YEARS', value: '10' },
      });
      const leaf = new aws.acmpca.Certificate('leaf', {
        certificateAuthorityArn: ca.arn,
        certificateSigningRequest: ca.certificateSigningRequest,
        signingAlgorithm: 'SHA256WITHECDSA',
        validity: { type: 'DAYS', value: '7' },
      });
      const installed = new aws.acmpca.CertificateAuthorityCertificate('install', {
        certificateAuthorityArn: ca.arn,
        certificate: root.certificate,
        certificateChain: root.certificateChain,
      });
      return { ca, root, leaf, installed };
    });
    const caArn = await unwrap(value.ca.arn);
    expect(caArn).toMatch(
      new RegExp(`^arn:${p}:acm-pca:${region}:123456789012:certificate-authority/[0-9a-f-]{36}$`),
    );
    expect(await unwrap(value.ca.certificateSigningRequest)).toMatch(
      /^-----BEGIN CERTIFICATE REQUEST-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE REQUEST-----$/,
    );

    const root = rt.one('aws:acmpca/certificate:Certificate', 'root');
    expect(root.id).toMatch(new RegExp(`^${caArn}/certificate/[0-9a-f]{32}$`));
    expect(root.state['arn']).toBe(root.id);
    expect(root.state['certificate']).toMatch(
      /^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{1,64}\n)+-----END CERTIFICATE-----$/,
    );
    expect(root.state['certificateChain']).toBe('');

    const leaf = rt.one('aws:acmpca/certificate:Certificate', 'leaf');
    expect(leaf.state['certificateChain']).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(leaf.state['certificate']).not.toBe(root.state['certificate']);

    const installed = rt.one(
      'aws:acmpca/certificateAuthorityCertificate:CertificateAuthorityCertificate',
    );
    expect(installed.id).toBe(caArn);
    expect(installed.inputs['certificate']).toBe(root.state['certificate']);
  });
});
