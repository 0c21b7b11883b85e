import { installMocks, isSecretOutput, unwrap } from '@phi-platform/offline';
import { platformSecrets } from '../examples/platform-secrets';

describe.each(['us-east-1', 'ap-southeast-7', 'us-gov-west-1', 'cn-northwest-1'])(
  'the example program in %s',
  (region) => {
    it('builds the key, both secrets and the execution-role statements', async () => {
      const rt = installMocks({ region });
      const { value } = await rt.run(() => platformSecrets('staging'));

      const keyArn = await unwrap(value.key.keyArn);
      expect(keyArn).toMatch(new RegExp(`^arn:${rt.partition}:kms:${region}:`));
      for (const secret of rt.byType('aws:secretsmanager/secret:Secret')) {
        expect(secret.inputs.kmsKeyId).toBe(keyArn);
      }
      expect(rt.byType('aws:secretsmanager/secret:Secret').map((s) => s.inputs.namePrefix)).toEqual(
        expect.arrayContaining(['phi-orders-db-master-', 'phi-sessions-auth-']),
      );

      const admin = `arn:${rt.partition}:iam::${rt.accountId}:role/key-admin`;
      const policy = await unwrap(value.key.policyDocument);
      expect(policy.Statement.find((s) => s.Sid === 'KeyAdministrators')?.Principal).toEqual({
        AWS: [admin],
      });

      expect(await isSecretOutput(value.dbPassword.value)).toBe(true);
      expect(await isSecretOutput(value.redisToken.value)).toBe(true);
      expect((await unwrap(value.redisToken.value)).length).toBe(96);

      const [read, decrypt] = await Promise.all(
        value.executionRoleStatements.map((s) => unwrap(s)),
      );
      expect(read).toEqual({
        Sid: 'ReadSecretSessionsAuth',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: await unwrap(value.redisToken.secretArn),
      });
      expect(decrypt).toEqual({
        Sid: 'DecryptViaSecretsmanagerPlatform',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: keyArn,
        Condition: {
          StringEquals: { 'kms:ViaService': `secretsmanager.${region}.${rt.dnsSuffix}` },
        },
      });
    });
  },
);
