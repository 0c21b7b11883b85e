import * as pulumi from '@pulumi/pulumi';
import { awsContext, formatArn, policyDocument, PolicyDocument, regionalServiceHost } from '../src';

/**
 * A statement that lets a role decrypt one key only through Secrets Manager, built as data from
 * the provider's region, account and partition: the shape every component in this repo uses.
 */
export function decryptThroughSecretsManager(keyId: string): pulumi.Output<PolicyDocument> {
  return awsContext().apply((ctx) =>
    policyDocument([
      {
        Sid: 'DecryptThroughSecretsManager',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: formatArn({ ...ctx, service: 'kms', resource: `key/${keyId}` }),
        Condition: {
          StringEquals: { 'kms:ViaService': regionalServiceHost('secretsmanager', ctx) },
        },
      },
    ]),
  );
}
