import { IdSource } from './ids';

type Inputs = Record<string, unknown>;

/**
 * A PEM block of the given label around DER-sized bytes from the resource's IdSource. Not a
 * parseable certificate: offline there is no CA to sign one, and a test that needs X.509 fields
 * must not pass on a mock. The shape (header, 64-column base64, footer) is what consumers pass
 * along. Certificates and requests are public, so a body stable across runs leaks nothing and
 * keeps plans that carry it (as an input of the CA's certificate installation) comparable.
 */
export function placeholderPem(ids: IdSource, label: string, bytes = 480): string {
  const body = ids.bytes(bytes).toString('base64');
  const lines = body.match(/.{1,64}/g) ?? [];
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join('\n');
}

/** A certificate ARN under its CA: `<ca arn>/certificate/<32 hex>`, as ACM PCA issues them. */
export function pcaCertificateArn(ids: IdSource, certificateAuthorityArn: string): string {
  return `${certificateAuthorityArn}/certificate/${ids.hex(32)}`;
}

/**
 * Computed attributes of `aws.acmpca.Certificate`. A certificate issued from the root template
 * is the CA's own self-signed certificate and has no chain; any other has the CA's chain.
 */
export function pcaCertificateState(
  inputs: Inputs,
  ids: IdSource,
): { id: string; computed: Inputs } {
  const ca = inputs['certificateAuthorityArn'];
  const template = inputs['templateArn'];
  if (typeof ca !== 'string' || ca.length === 0) {
    throw new Error('aws.acmpca.Certificate: certificateAuthorityArn is required');
  }
  const selfSigned = typeof template === 'string' && template.includes('/RootCACertificate/');
  const a = pcaCertificateArn(ids, ca);
  return {
    id: a,
    computed: {
      arn: a,
      certificate: placeholderPem(ids, 'CERTIFICATE'),
      certificateChain: selfSigned ? '' : placeholderPem(ids, 'CERTIFICATE'),
    },
  };
}
