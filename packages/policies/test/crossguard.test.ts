/**
 * The CrossGuard adapters, called the way the engine calls them (without constructing the
 * PolicyPack, which would start the analyzer server): fake args, a reportViolation spy.
 */
import {
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Secret,
  StackValidationArgs,
  StackValidationPolicy,
} from '@pulumi/policy';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  crossGuardPolicies,
  POLICIES,
  POLICY_PACK_NAME,
  POLICY_PACK_VERSION,
  policyPackDirectory,
  RESOURCE_TYPES as T,
  WAIVER_REPORT_POLICIES,
} from '../src';

// The engine's marker for a value unknown during preview (internal to @pulumi/policy).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownBooleanValue, unknownCheckingProxy } = require('@pulumi/policy/proxy') as {
  unknownBooleanValue: string;
  unknownCheckingProxy: (props: object) => Record<string, unknown>;
};

const policies = crossGuardPolicies();
const byName = (name: string) => policies.find((p) => p.name === name);

class NotApplicable extends Error {}

function resourceArgs(
  type: string,
  name: string,
  props: Record<string, unknown>,
): ResourceValidationArgs {
  return {
    type,
    name,
    urn: `urn:pulumi:prod::phi::${type}::${name}`,
    props: unknownCheckingProxy(props),
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
    },
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <C extends object>() => ({}) as C,
    notApplicable: (reason?: string) => {
      throw new NotApplicable(reason);
    },
  };
}

function validate(name: string, args: ResourceValidationArgs): string[] {
  const policy = byName(name) as ResourceValidationPolicy;
  const report = jest.fn<void, [string, string?]>();
  const validators = Array.isArray(policy.validateResource)
    ? policy.validateResource
    : [policy.validateResource!];
  for (const v of validators) void v(args, report);
  return report.mock.calls.map((call) => call[0]);
}

describe('crossGuardPolicies', () => {
  it('registers every pack policy with its id, level and severity, plus the waiver reports', () => {
    expect(policies.map((p) => p.name)).toEqual([
      ...POLICIES.map((p) => p.id),
      ...WAIVER_REPORT_POLICIES,
    ]);
    expect(byName('RDS-01')).toMatchObject({ enforcementLevel: 'mandatory', severity: 'critical' });
    expect(byName('SG-04')).toMatchObject({ enforcementLevel: 'advisory', severity: 'medium' });
  });

  it.each(POLICIES.filter((p) => p.kind === 'resource').map((p) => [p.id]))(
    '%s reports through reportViolation (or not-applicable) on an empty resource',
    (id) => {
      const policy = POLICIES.find((p) => p.id === id)!;
      const type = policy.kind === 'resource' ? policy.types[0]! : '';
      let messages: string[] = [];
      try {
        messages = validate(id, resourceArgs(type, 'x', {}));
      } catch (error) {
        expect(error).toBeInstanceOf(NotApplicable);
      }
      for (const message of messages) expect(message).toMatch(/\. Fix: /);
    },
  );

  it('reports a violation through reportViolation', () => {
    const messages = validate(
      'RDS-01',
      resourceArgs(T.rdsCluster, 'db', { storageEncrypted: false }),
    );
    expect(messages).toEqual([
      'storageEncrypted is false. Fix: set storageEncrypted: true with kmsKeyId = the EncryptionKey keyArn',
    ]);
  });

  it('reads values the engine marks unknown as undecided: not applicable, with the reason', () => {
    const args = resourceArgs(T.rdsCluster, 'db', { storageEncrypted: unknownBooleanValue });
    expect(() => validate('RDS-01', args)).toThrow(
      new NotApplicable('Not evaluated: storageEncrypted is not known yet'),
    );
  });

  it('still reports a known-bad value when another input is unknown', () => {
    const args = resourceArgs(T.rdsCluster, 'db', {
      deletionProtection: false,
      skipFinalSnapshot: unknownBooleanValue,
    });
    expect(validate('RDS-05', args)).toEqual([
      expect.stringMatching(/^deletionProtection is false\. Fix:/),
    ]);
  });

  it('sees secrets as secrets: a secret auth token passes, a plain one does not', () => {
    const base = { userGroupIds: [] };
    expect(
      validate(
        'EC-04',
        resourceArgs(T.replicationGroup, 'c', { ...base, authToken: new Secret('t'.repeat(32)) }),
      ),
    ).toEqual([]);
    expect(
      validate(
        'EC-04',
        resourceArgs(T.replicationGroup, 'c', { ...base, authToken: 't'.repeat(32) }),
      ),
    ).toEqual([expect.stringMatching(/^authToken is stored in state in clear/)]);
  });

  it('moves waived findings out of the policy and into the waiver report', () => {
    const args = resourceArgs(T.ingressRule, 'ingress-internet-ipv4', {
      securityGroupId: 'sg-1',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: '0.0.0.0/0',
    });
    expect(validate('SG-01', args)).toEqual([]);
    expect(validate('waived-resource-findings', args)).toEqual([
      expect.stringMatching(
        /^SG-01 waived by alb-internet-https: rule admits HTTPS .* Reason: The public load balancer/,
      ),
    ]);
  });

  it('runs stack policies over the engine resources, with property dependencies', () => {
    const vpc = {
      type: T.vpc,
      urn: 'urn:pulumi:prod::phi::aws:ec2/vpc:Vpc::vpc',
      name: 'vpc',
      props: {},
    };
    const resource = (r: typeof vpc) => ({
      ...r,
      props: unknownCheckingProxy(r.props),
      opts: resourceArgs(r.type, r.name, {}).opts,
      dependencies: [],
      propertyDependencies: {},
      isType: () => false,
      asType: () => undefined,
    });
    const args: StackValidationArgs = {
      resources: [resource(vpc)],
      stackTags: new Map(),
      getConfig: <C extends object>() => ({}) as C,
      notApplicable: (reason?: string) => {
        throw new NotApplicable(reason);
      },
    };
    const report = jest.fn();
    void (byName('VPC-01') as StackValidationPolicy).validateStack(args, report);
    expect(report).toHaveBeenCalledWith(
      expect.stringMatching(/^the VPC has no flow log\. Fix:/),
      vpc.urn,
    );
  });
});

describe('the pack directory', () => {
  const dir = policyPackDirectory();

  it('holds PulumiPolicy.yaml (nodejs) and a package.json whose main is the compiled pack', () => {
    expect(readFileSync(join(dir, 'PulumiPolicy.yaml'), 'utf8')).toMatch(/^runtime: nodejs$/m);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest.main).toBe('../lib/pack.js');
    // The engine reports the version of this file: it must follow the package's.
    expect(manifest.version).toBe(POLICY_PACK_VERSION);
  });

  it('resolves the engine runner and the SDKs from the workspace, without its own node_modules', () => {
    expect(require.resolve('@pulumi/pulumi/cmd/run-policy-pack', { paths: [dir] })).toMatch(
      /node_modules/,
    );
    expect(require.resolve('@pulumi/policy', { paths: [join(dir, '..', 'lib')] })).toMatch(
      /node_modules/,
    );
  });

  it('has a pack name the engine accepts', () => {
    expect(POLICY_PACK_NAME).toMatch(/^[a-zA-Z0-9-_.]{1,100}$/);
  });
});
