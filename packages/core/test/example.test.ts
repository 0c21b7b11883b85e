import { installMocks, unwrap } from '@phi-platform/offline';
import { decryptThroughSecretsManager } from '../examples/execution-role-statement';

describe('examples/execution-role-statement', () => {
  it('builds the statement in the China partition without a literal', async () => {
    const rt = installMocks({ region: 'cn-north-1' });
    const { value } = await rt.run(() => decryptThroughSecretsManager('k-1'));
    expect(await unwrap(value)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DecryptThroughSecretsManager',
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: 'arn:aws-cn:kms:cn-north-1:123456789012:key/k-1',
          Condition: {
            StringEquals: { 'kms:ViaService': 'secretsmanager.cn-north-1.amazonaws.com.cn' },
          },
        },
      ],
    });
  });
});
