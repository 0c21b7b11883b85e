import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import {
  DEFAULT_SPECIAL,
  installMocks,
  isSecretOutput,
  parsePath,
  randomStringValue,
  redactPaths,
  REDACTED,
  toPlanResources,
  unwrap,
} from '../src';
import { smallProgram } from '../examples/small-program';

class Box extends pulumi.ComponentResource {
  readonly groupName: pulumi.Output<string>;
  constructor(name: string, token: pulumi.Input<string>, opts?: pulumi.ComponentResourceOptions) {
    super('phi-platform:test:Box', name, {}, opts);
    const key = new aws.kms.Key(`${name}-key`, {}, { parent: this });
    const group = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { kmsKeyId: key.arn, tags: { team: 'platform', token: pulumi.secret(token) } },
      { parent: this, dependsOn: [key] },
    );
    this.groupName = group.name;
    this.registerOutputs({ groupName: group.name, token: pulumi.secret(token) });
  }
}

describe('secrets', () => {
  test('a secret input is reported with its exact path and stays secret in state', async () => {
    const rt = installMocks({ region: 'eu-central-1' });
    await rt.run(() => new Box('box', 's3cr3t-token'));
    const box = rt.one('phi-platform:test:Box');
    const group = rt.one('aws:cloudwatch/logGroup:LogGroup');
    expect(group.secretPaths).toEqual(['tags.token']);
    expect(group.inputs['tags']).toEqual({ team: 'platform', token: 's3cr3t-token' });
    // The SDK hoists secretness to the top-level property in what the provider returns.
    expect(group.stateSecretPaths).toEqual(['tags']);
    expect(group.parent).toBe(box.urn);
    expect(group.dependsOn).toEqual([rt.one('aws:kms/key:Key').urn]);
    expect(group.propertyDependencies['kmsKeyId']).toEqual([rt.one('aws:kms/key:Key').urn]);
    expect(box.parent).toBeNull();
    expect(box.outputs).toEqual({ groupName: group.state['name'], token: 's3cr3t-token' });
    expect(box.outputSecretPaths).toEqual(['token']);
  });

  test('RandomPassword.result is secret and a fresh value each run', async () => {
    const rt = installMocks({ region: 'us-east-1' });
    const first = await rt.run(() => smallProgram('a'));
    const second = await rt.run(() => smallProgram('b'));
    const a = await unwrap(first.value.password);
    const b = await unwrap(second.value.password);
    expect(a).not.toBe(b);
    expect(await isSecretOutput(first.value.password)).toBe(true);
    for (const v of [a, b]) {
      expect(v).toHaveLength(32);
      expect(v).toMatch(/^[A-Za-z0-9!#$%^&*()\-_=+]{32}$/);
      expect(v.replace(/[A-Za-z0-9]/g, '').length).toBeGreaterThanOrEqual(2);
    }
    const version = rt.one('aws:secretsmanager/secretVersion:SecretVersion', 'a-secret-value');
    expect(version.secretPaths).toEqual(['secretString']);
    expect(version.inputs['secretString']).toBe(a);
    expect(
      rt.one('random:index/randomPassword:RandomPassword', 'a-password').stateSecretPaths,
    ).toEqual(['result']);
  });

  test('random values honour the character-class inputs', async () => {
    const rt = installMocks({ region: 'us-east-1' });
    const { value } = await rt.run(() => ({
      digitsOnly: new random.RandomString('digits', {
        length: 12,
        upper: false,
        lower: false,
        special: false,
      }).result,
      id: new random.RandomId('id', { byteLength: 4 }).hex,
    }));
    expect(await unwrap(value.digitsOnly)).toMatch(/^[0-9]{12}$/);
    expect(await unwrap(value.id)).toMatch(/^[0-9a-f]{8}$/);
    expect(
      randomStringValue({ length: 40, special: true, lower: false, upper: false, numeric: false }),
    ).toMatch(/^[!@#$%&*()\-_=+[\]{}<>:?]{40}$/);
    expect(DEFAULT_SPECIAL).toBe('!@#$%&*()-_=+[]{}<>:?');
    const mixed = randomStringValue({ length: 6, minUpper: 2, minNumeric: 2, minSpecial: 2 });
    expect(mixed.replace(/[^A-Z]/g, '').length).toBeGreaterThanOrEqual(2);
    expect(mixed.replace(/[^0-9]/g, '').length).toBeGreaterThanOrEqual(2);
    expect(() => randomStringValue({ length: 3, minUpper: 2, minLower: 2 })).toThrow(
      'random string: the min* counts (4) exceed length 3',
    );
  });
});

describe('plan records', () => {
  test('secret values are replaced by "[secret]" and appear nowhere in the plan JSON', async () => {
    const rt = installMocks({ region: 'us-gov-west-1' });
    const { value } = await rt.run(() => smallProgram('plan'));
    const password = await unwrap(value.password);
    const plan = toPlanResources(rt.resources());
    const json = JSON.stringify(plan);
    expect(json).not.toContain(password);
    const version = plan.find((r) => r.type === 'aws:secretsmanager/secretVersion:SecretVersion');
    expect(version?.inputs['secretString']).toBe(REDACTED);
    expect(version?.secretPaths).toEqual(['secretString']);
    expect(Object.keys(version ?? {}).sort()).toEqual(
      ['dependsOn', 'inputs', 'name', 'parent', 'secretPaths', 'type', 'urn'].sort(),
    );
    // Leak detection works because the value is fresh: without redaction it is found.
    expect(JSON.stringify(toPlanResources(rt.resources(), { redactSecrets: false }))).toContain(
      password,
    );
  });

  test('nested secret paths are redacted in place', async () => {
    const rt = installMocks({ region: 'cn-north-1' });
    await rt.run(() => new Box('b', 'tok-123'));
    const [group] = toPlanResources(rt.byType('aws:cloudwatch/logGroup:LogGroup'));
    expect(group?.inputs['tags']).toEqual({ team: 'platform', token: REDACTED });
    expect(group?.parent).toBe(rt.one('phi-platform:test:Box').urn);
  });

  test('paths parse and redact across objects, arrays and odd keys', () => {
    expect(parsePath('a.b[0]["x-y"].c')).toEqual(['a', 'b', 0, 'x-y', 'c']);
    const input = { a: { b: [{ 'x-y': { c: 'hide', d: 'keep' } }] }, e: 'hide' };
    expect(redactPaths(input, ['a.b[0]["x-y"].c', 'e'])).toEqual({
      a: { b: [{ 'x-y': { c: REDACTED, d: 'keep' } }] },
      e: REDACTED,
    });
    expect(input.e).toBe('hide');
  });
});
