import { awsContext, childName, standardTags } from '@phi-platform/core';
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

/**
 * The tag ECS needs on a Service Connect CA: AmazonECSInfrastructureRolePolicyForServiceConnect
 * TransportLayerSecurity allows issuing certificates only from CAs that carry it with "true".
 */
export const ECS_MANAGED_TAG = 'AmazonECSManaged';

export interface ServiceConnectAuthorityArgs {
  /** Environment name for tags and the CA's subject. */
  readonly environment: string;
  /**
   * Years the self-signed root certificate is valid. Private CA does not check a root's
   * validity against the CA mode, so a short-lived CA can have a long-lived root.
   * @default 10
   */
  readonly rootValidityYears?: number;
  /**
   * Keep the CA through `pulumi destroy` (Pulumi's `protect`). Deleting it breaks every
   * Service Connect TLS hop that trusts it.
   * @default true
   */
  readonly protect?: boolean;
}

/**
 * The AWS Private CA that issues Service Connect's TLS certificates: a ROOT CA in
 * SHORT_LIVED_CERTIFICATE mode (ECS rotates its 7-day certificates itself and needs no
 * revocation), activated by installing its own self-signed root certificate.
 */
export class ServiceConnectAuthority extends pulumi.ComponentResource {
  /** ARN of the CA; resolves only after its certificate is installed (the CA is ACTIVE). */
  public readonly certificateAuthorityArn: pulumi.Output<string>;

  constructor(
    name: string,
    args: ServiceConnectAuthorityArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super('phi-platform:platform:ServiceConnectAuthority', name, {}, opts);
    const validityYears = args.rootValidityYears ?? 10;
    const protect = args.protect ?? true;
    const ctx = awsContext({ parent: this });

    const authority = new aws.acmpca.CertificateAuthority(
      childName(name, 'ca'),
      {
        type: 'ROOT',
        usageMode: 'SHORT_LIVED_CERTIFICATE',
        certificateAuthorityConfiguration: {
          // Service Connect accepts 256-bit ECDSA and 2048-bit RSA; ECDSA is the smaller handshake.
          keyAlgorithm: 'EC_prime256v1',
          signingAlgorithm: 'SHA256WITHECDSA',
          subject: {
            commonName: `${args.environment} service connect`,
            organization: 'phi-platform',
          },
        },
        permanentDeletionTimeInDays: 30,
        tags: {
          ...standardTags({ environment: args.environment, component: 'ServiceConnectAuthority' }),
          // The AWS managed policy of the ECS infrastructure role lets ECS issue certificates
          // only from CAs tagged so (aws:ResourceTag/AmazonECSManaged).
          [ECS_MANAGED_TAG]: 'true',
        },
      },
      { parent: this, protect },
    );

    // A new CA waits in PENDING_CERTIFICATE until it holds a certificate: sign its own CSR with
    // the root template, then install the result.
    const root = new aws.acmpca.Certificate(
      childName(name, 'root'),
      {
        certificateAuthorityArn: authority.arn,
        certificateSigningRequest: authority.certificateSigningRequest,
        signingAlgorithm: 'SHA256WITHECDSA',
        templateArn: ctx.apply((c) => `arn:${c.partition}:acm-pca:::template/RootCACertificate/V1`),
        validity: { type: 'YEARS', value: String(validityYears) },
      },
      { parent: this, protect },
    );
    const installed = new aws.acmpca.CertificateAuthorityCertificate(
      childName(name, 'install'),
      {
        certificateAuthorityArn: authority.arn,
        certificate: root.certificate,
        certificateChain: root.certificateChain,
      },
      { parent: this, protect },
    );

    this.certificateAuthorityArn = pulumi.all([authority.arn, installed.id]).apply(([arn]) => arn);
    this.registerOutputs({ certificateAuthorityArn: this.certificateAuthorityArn });
  }
}
