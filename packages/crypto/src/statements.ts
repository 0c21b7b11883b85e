/**
 * Identity-policy statements that the components hand out ("use this key", "read this
 * secret"), as pure functions so their exact shape is testable without a deployment.
 */
import { AwsContext, PolicyStatement, regionalServiceHost } from '@phi-platform/core';
import { KEY_USE_ACTIONS } from './key-policy';

/** Services whose `kms:ViaService` value `decryptViaServiceStatement` can scope to. */
export const DECRYPT_VIA_SERVICES = ['secretsmanager', 'rds', 'elasticache', 'logs'] as const;
export type DecryptViaService = (typeof DECRYPT_VIA_SERVICES)[number];

/**
 * A statement id from free text: IAM accepts only ASCII letters and digits in a `Sid`.
 * `platform-key` + `Use` gives `UsePlatformKey`.
 */
export function statementId(prefix: string, name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
  const pascal = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
  return `${prefix}${pascal}`;
}

/** Encrypt, decrypt, re-encrypt, data keys and DescribeKey on exactly this key. */
export function encryptDecryptStatementFor(keyArn: string, sid: string): PolicyStatement {
  return { Sid: sid, Effect: 'Allow', Action: [...KEY_USE_ACTIONS], Resource: keyArn };
}

/** `kms:Decrypt` on exactly this key, only when `service` in this region calls for the caller. */
export function decryptViaServiceStatementFor(
  keyArn: string,
  service: DecryptViaService,
  ctx: AwsContext,
  sid: string,
): PolicyStatement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Action: 'kms:Decrypt',
    Resource: keyArn,
    Condition: { StringEquals: { 'kms:ViaService': regionalServiceHost(service, ctx) } },
  };
}

/** `secretsmanager:GetSecretValue` on exactly this secret ARN. */
export function readSecretStatementFor(secretArn: string, sid: string): PolicyStatement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Action: 'secretsmanager:GetSecretValue',
    Resource: secretArn,
  };
}
