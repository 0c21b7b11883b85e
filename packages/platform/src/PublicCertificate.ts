import { childName, standardTags } from '@phi-platform/core';
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface PublicCertificateArgs {
  /** The name the load balancer serves, e.g. `app.example.com` (no wildcard). */
  readonly domainName: string;
  /** Route 53 hosted zone that holds `domainName`; the validation record is written there. */
  readonly hostedZoneId: pulumi.Input<string>;
  readonly environment: string;
}

/**
 * A public ACM certificate requested in the stack's own region (through the component's
 * provider), validated by a DNS record in the given hosted zone. `certificateArn` resolves once
 * validation has completed, so a listener that uses it waits for an issued certificate.
 */
export class PublicCertificate extends pulumi.ComponentResource {
  public readonly certificateArn: pulumi.Output<string>;

  constructor(name: string, args: PublicCertificateArgs, opts?: pulumi.ComponentResourceOptions) {
    super('phi-platform:platform:PublicCertificate', name, {}, opts);

    const certificate = new aws.acm.Certificate(
      childName(name, 'cert'),
      {
        domainName: args.domainName,
        validationMethod: 'DNS',
        keyAlgorithm: 'EC_prime256v1',
        options: { certificateTransparencyLoggingPreference: 'ENABLED' },
        tags: standardTags({ environment: args.environment, component: 'PublicCertificate' }),
      },
      { parent: this },
    );

    // One domain, so exactly one validation record: no resources created inside an apply.
    const option = certificate.domainValidationOptions.apply((options) => {
      const first = options[0];
      if (first === undefined) throw new Error(`ACM gave no DNS validation for ${args.domainName}`);
      return first;
    });
    const record = new aws.route53.Record(
      childName(name, 'validation'),
      {
        zoneId: args.hostedZoneId,
        name: option.resourceRecordName,
        type: option.resourceRecordType,
        records: [option.resourceRecordValue],
        ttl: 300,
        allowOverwrite: true,
      },
      { parent: this },
    );
    const validation = new aws.acm.CertificateValidation(
      childName(name, 'validated'),
      { certificateArn: certificate.arn, validationRecordFqdns: [record.fqdn] },
      { parent: this },
    );

    this.certificateArn = validation.certificateArn;
    this.registerOutputs({ certificateArn: this.certificateArn });
  }
}
