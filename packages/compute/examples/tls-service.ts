/**
 * A cluster, an internet-facing HTTPS ingress and one TLS service behind it, reading a database
 * password from Secrets Manager. Run by test/example.test.ts under the offline mocks.
 */
import { EncryptionKey } from '@phi-platform/crypto';
import { HttpsIngress, ServiceCluster, TlsService } from '../src';

/** What a Network and the account already provide (ids and ARNs). */
export interface ExampleInputs {
  readonly vpcId: string;
  readonly vpcCidrBlock: string;
  readonly publicSubnetIds: string[];
  readonly privateSubnetIds: string[];
  readonly endpointSecurityGroupId: string;
  readonly s3PrefixListId: string;
  readonly certificateArn: string;
  readonly certificateAuthorityArn: string;
  readonly databasePasswordSecretArn: string;
  readonly image: string;
  readonly webAclArn: string;
}

export function buildServiceExample(inputs: ExampleInputs): {
  key: EncryptionKey;
  cluster: ServiceCluster;
  ingress: HttpsIngress;
  api: TlsService;
} {
  const key = new EncryptionKey('platform', {
    description: 'PHI platform key',
    environment: 'prod',
  });

  const cluster = new ServiceCluster('apps', { kmsKeyArn: key.keyArn, environment: 'prod' });

  const ingress = new HttpsIngress('public', {
    vpcId: inputs.vpcId,
    publicSubnetIds: inputs.publicSubnetIds,
    certificateArn: inputs.certificateArn,
    environment: 'prod',
    accessLogs: { bucket: 'phi-alb-logs', prefix: 'public' },
    webAclArn: inputs.webAclArn,
  });

  const api = new TlsService('api', {
    clusterArn: cluster.clusterArn,
    namespaceArn: cluster.namespaceArn,
    vpcId: inputs.vpcId,
    subnetIds: inputs.privateSubnetIds,
    image: inputs.image,
    cpu: 512,
    memory: 1024,
    kmsKeyArn: key.keyArn,
    certificateAuthorityArn: inputs.certificateAuthorityArn,
    secrets: { DB_PASSWORD: inputs.databasePasswordSecretArn },
    environment: { LOG_LEVEL: 'info' },
    allowedSecurityGroupIds: [ingress.securityGroupId],
    egress: {
      endpointSecurityGroupId: inputs.endpointSecurityGroupId,
      prefixListIds: { s3: inputs.s3PrefixListId },
    },
    targetGroupArn: ingress.targetGroupArn,
    platformEnvironment: 'prod',
  });

  // The ingress may only send to the service, which exists only now.
  ingress.allowTrafficTo('api', api.securityGroupId);

  return { key, cluster, ingress, api };
}
