import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { installMocks, UnknownInvokeError } from '../src';

/** An Output whose apply throws, as a component's check of a resolved value would. */
function failing(message: string): pulumi.Output<string> {
  return pulumi.output('x').apply((): string => {
    throw new Error(message);
  });
}

describe('run() when a resource input fails', () => {
  test('an apply that throws rejects the run with that error, not a hang', async () => {
    const rt = installMocks({ region: 'us-east-1' });
    const started = Date.now();
    await expect(
      rt.run(() => {
        const bucket = new aws.s3.Bucket('logs', { bucket: failing('bucket name refused') });
        // Waits on the failed bucket forever: without the fix this kept the run pending.
        new aws.s3.BucketPolicy('logs', { bucket: bucket.id, policy: '{}' });
      }),
    ).rejects.toThrow('error serializing property "bucket": bucket name refused');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(rt.byType('aws:s3/bucket:Bucket')).toEqual([]);
    expect(rt.byType('aws:s3/bucketPolicy:BucketPolicy')).toEqual([]);
  });

  test('the original error object is kept (its class and its message)', async () => {
    class RefusedError extends Error {}
    const rt = installMocks({ region: 'us-east-1' });
    const input = pulumi.output(1).apply((): string => {
      throw new RefusedError('port 22 is not allowed');
    });
    const error = await rt
      .run(() => new aws.s3.Bucket('b', { bucket: input }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedError);
    expect((error as Error).message).toContain('port 22 is not allowed');
  });

  test('a failing invoke used as an input rejects with the invoke error', async () => {
    const rt = installMocks({ region: 'eu-central-1' });
    const error = await rt
      .run(() => {
        const report = aws.cloudwatch.getLogGroupOutput({ name: 'absent' });
        const bucket = new aws.s3.Bucket('b', { bucket: report.arn });
        return new aws.s3.BucketPolicy('p', { bucket: bucket.id, policy: '{}' });
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownInvokeError);
    expect((error as Error).message).toContain(
      'do not answer the invoke "aws:cloudwatch/getLogGroup:getLogGroup"',
    );
  });

  test('a failure deep in a component tree rejects too (component outputs wait on it)', async () => {
    const rt = installMocks({ region: 'us-west-2' });
    class Holder extends pulumi.ComponentResource {
      readonly bucketArn: pulumi.Output<string>;
      constructor(name: string) {
        super('test:offline:Holder', name);
        const key = new aws.kms.Key(`${name}-key`, {}, { parent: this });
        const bad = key.arn.apply((arn): string => {
          throw new Error(`key ${arn.split(':')[3] ?? ''} is in the wrong region`);
        });
        const bucket = new aws.s3.Bucket(`${name}-bucket`, { bucket: bad }, { parent: this });
        this.bucketArn = bucket.arn;
        this.registerOutputs({ bucketArn: this.bucketArn });
      }
    }
    await expect(rt.run(() => new Holder('h'))).rejects.toThrow(
      'error serializing property "bucket": key us-west-2 is in the wrong region',
    );
    // What did not depend on the failure was still registered.
    expect(rt.one('aws:kms/key:Key').name).toBe('h-key');
  });

  test('a component output that fails rejects, with one "serializing" prefix', async () => {
    const rt = installMocks({ region: 'us-east-1' });
    class Zones extends pulumi.ComponentResource {
      readonly names: pulumi.Output<string>;
      constructor(name: string) {
        super('test:offline:Zones', name);
        this.names = failing('only 2 zones');
        for (const i of [0, 1, 2]) {
          new aws.ec2.Subnet(
            `${name}-${i}`,
            { vpcId: 'vpc-1', cidrBlock: `10.0.${i}.0/24`, availabilityZone: this.names },
            { parent: this },
          );
        }
        this.registerOutputs({ names: this.names });
      }
    }
    const error = await rt.run(() => new Zones('z')).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^error serializing property "(availabilityZone|outputs)": only 2 zones$/,
    );
    expect(rt.byType('aws:ec2/subnet:Subnet')).toEqual([]);
  });

  test('a runtime left with pending registrations refuses the next run, naming the cause', async () => {
    const rt = installMocks({ region: 'us-east-1' });
    await expect(
      rt.run(() => {
        const bucket = new aws.s3.Bucket('b', { bucket: failing('first failure') });
        new aws.s3.BucketPolicy('p', { bucket: bucket.id, policy: '{}' });
      }),
    ).rejects.toThrow('first failure');
    await expect(rt.run(() => new aws.kms.Key('k', {}))).rejects.toThrow(
      /earlier run in this OfflineRuntime \(us-east-1\) failed .*first failure.*installMocks\(\)/,
    );
    // A fresh runtime starts clean.
    const next = installMocks({ region: 'us-east-1' });
    await next.run(() => new aws.kms.Key('k', {}));
    expect(next.byType('aws:kms/key:Key')).toHaveLength(1);
  });

  test('a failure with nothing waiting on it leaves the runtime usable', async () => {
    const rt = installMocks({ region: 'us-east-1' });
    await expect(
      rt.run(() => new aws.s3.Bucket('b', { bucket: failing('only this one') })),
    ).rejects.toThrow('only this one');
    const { resources } = await rt.run(() => new aws.kms.Key('k', {}));
    expect(resources.map((r) => r.type)).toEqual(['aws:kms/key:Key']);
  });

  test('a run that succeeds is unaffected (waits for outputs registered late)', async () => {
    const rt = installMocks({ region: 'us-east-1' });
    const { resources } = await rt.run(() => {
      const key = new aws.kms.Key('k', {});
      key.arn.apply((arn) => new aws.kms.Alias('a', { name: 'alias/x', targetKeyId: arn }));
    });
    expect(resources.map((r) => r.type).sort()).toEqual(['aws:kms/alias:Alias', 'aws:kms/key:Key']);
  });
});
