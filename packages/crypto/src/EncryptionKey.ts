import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import {
  AwsContext,
  awsContext,
  childName,
  InvalidSettingsError,
  isIntegerBetween,
  parseArn,
  physicalName,
  PolicyDocument,
  PolicyStatement,
  SettingProblem,
  SettingsCheck,
  standardTags,
} from '@phi-platform/core';
import { IAM_ROLE_ARN_ALLOWED, iamRoleArnProblem } from './arn-checks';
import { keyPolicy } from './key-policy';
import {
  DECRYPT_VIA_SERVICES,
  DecryptViaService,
  decryptViaServiceStatementFor,
  encryptDecryptStatementFor,
  statementId,
} from './statements';

export interface EncryptionKeyArgs {
  /**
   * What the key protects, shown in the KMS console.
   * @default `phi-platform data key <name>`
   */
  readonly description?: string;
  /**
   * Days KMS waits before deleting the key once deletion is scheduled (7 to 30).
   * @default 30
   */
  readonly deletionWindowDays?: number;
  /**
   * IAM roles that administer the key (policy, rotation, aliases, tags, deletion) but can never
   * encrypt or decrypt with it.
   * @default [] (administration only through the account's IAM policies)
   */
  readonly administratorRoleArns?: pulumi.Input<string>[];
  /**
   * Task roles of ECS services that encrypt and decrypt with the key directly.
   * @default []
   */
  readonly ecsTaskRoleArns?: pulumi.Input<string>[];
  /**
   * Environment name (`dev`, `prod`, ...), used in the alias and the tags.
   * @default none: alias `alias/phi-<name>`, no environment tag
   */
  readonly environment?: string;
}

export const DEFAULT_DELETION_WINDOW_DAYS = 30;
const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/**
 * A customer-managed symmetric KMS key with rotation on, an alias, and a key policy that lets
 * CloudWatch Logs (this account and region), RDS, Secrets Manager and ElastiCache use it, and
 * nothing else without the account's IAM policies.
 */
export class EncryptionKey extends pulumi.ComponentResource {
  public readonly keyArn: pulumi.Output<string>;
  public readonly keyId: pulumi.Output<string>;
  public readonly aliasName: pulumi.Output<string>;
  public readonly policyDocument: pulumi.Output<PolicyDocument>;

  private readonly componentName: string;
  private readonly context: pulumi.Output<AwsContext>;

  constructor(name: string, args: EncryptionKeyArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    // Checked before anything registers, so bad input leaves no trace in the program.
    validateArgs(name, args);
    super('phi-platform:crypto:EncryptionKey', name, {}, opts);
    this.componentName = name;

    this.context = awsContext({ parent: this });
    this.policyDocument = pulumi
      .all([
        this.context,
        pulumi.output(args.administratorRoleArns ?? []),
        pulumi.output(args.ecsTaskRoleArns ?? []),
      ])
      .apply(([ctx, administratorRoleArns, ecsTaskRoleArns]) => {
        // Outputs could not be checked in the constructor; a bad one fails the deployment here.
        const problems = resolvedRoleProblems(ctx, administratorRoleArns, ecsTaskRoleArns);
        if (problems.length > 0)
          throw new InvalidSettingsError(`EncryptionKey "${name}"`, problems);
        return keyPolicy(ctx, { administratorRoleArns, ecsTaskRoleArns });
      });

    const tags = args.environment
      ? standardTags({ environment: args.environment, component: 'EncryptionKey' })
      : { 'phi-platform:component': 'EncryptionKey', 'phi-platform:managed-by': 'pulumi' };
    const key = new aws.kms.Key(
      childName(name, 'key'),
      {
        description: args.description ?? `phi-platform data key ${name}`,
        customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
        keyUsage: 'ENCRYPT_DECRYPT',
        isEnabled: true,
        multiRegion: false,
        enableKeyRotation: true,
        rotationPeriodInDays: 365,
        deletionWindowInDays: args.deletionWindowDays ?? DEFAULT_DELETION_WINDOW_DAYS,
        policy: this.policyDocument.apply((doc) => JSON.stringify(doc)),
        tags,
      },
      { parent: this },
    );

    const alias = new aws.kms.Alias(
      childName(name, 'alias'),
      { name: aliasNameFor(name, args.environment), targetKeyId: key.keyId },
      { parent: this },
    );

    this.keyArn = key.arn;
    this.keyId = key.keyId;
    this.aliasName = alias.name;
    this.registerOutputs({
      keyArn: this.keyArn,
      keyId: this.keyId,
      aliasName: this.aliasName,
      policyDocument: this.policyDocument,
    });
  }

  /** Encrypt, decrypt, re-encrypt, data keys and DescribeKey on exactly this key. */
  public encryptDecryptStatement(sid?: string): pulumi.Output<PolicyStatement> {
    const id = sid ?? statementId('UseKey', this.componentName);
    return this.keyArn.apply((arn) => encryptDecryptStatementFor(arn, id));
  }

  /**
   * `kms:Decrypt` on exactly this key, only through `service` in the deploying region
   * (`kms:ViaService` = `<service>.<region>.<dns suffix>`).
   */
  public decryptViaServiceStatement(
    service: DecryptViaService,
    sid?: string,
  ): pulumi.Output<PolicyStatement> {
    if (!(DECRYPT_VIA_SERVICES as readonly string[]).includes(service)) {
      throw new InvalidSettingsError(`EncryptionKey "${this.componentName}"`, [
        {
          setting: 'decryptViaServiceStatement(service)',
          value: service,
          allowed: DECRYPT_VIA_SERVICES.join(', '),
        },
      ]);
    }
    const id = sid ?? statementId(`DecryptVia${statementId('', service)}`, this.componentName);
    return pulumi
      .all([this.keyArn, this.context])
      .apply(([arn, ctx]) => decryptViaServiceStatementFor(arn, service, ctx, id));
  }
}

/** `alias/phi-<environment>-<name>`, or `alias/phi-<name>` without an environment. */
export function aliasNameFor(name: string, environment?: string): string {
  const parts = environment ? ['phi', environment, name] : ['phi', name];
  return `alias/${physicalName(parts, 200)}`;
}

function validateArgs(name: string, args: EncryptionKeyArgs): void {
  const check = new SettingsCheck(`EncryptionKey "${name}"`);
  if (args.deletionWindowDays !== undefined) {
    check.require(isIntegerBetween(args.deletionWindowDays, 7, 30), {
      setting: 'deletionWindowDays',
      value: args.deletionWindowDays,
      allowed: 'a whole number of days from 7 to 30',
      reason: "KMS's limits",
    });
  }
  if (args.description !== undefined) {
    check.require(typeof args.description === 'string' && args.description.length <= 8192, {
      setting: 'description',
      value: args.description,
      allowed: 'text of at most 8192 characters',
    });
  }
  if (args.environment !== undefined) {
    check.require(typeof args.environment === 'string' && ENVIRONMENT_NAME.test(args.environment), {
      setting: 'environment',
      value: args.environment,
      allowed: 'lower-case letters, digits and hyphens, starting with a letter, at most 32',
    });
  }
  for (const setting of ['administratorRoleArns', 'ecsTaskRoleArns'] as const) {
    const given: unknown = args[setting];
    if (given === undefined) continue;
    if (!Array.isArray(given)) {
      check.add({ setting, value: given, allowed: `a list of ${IAM_ROLE_ARN_ALLOWED}` });
      continue;
    }
    given.forEach((value: unknown, index) => {
      // Outputs are checked when they resolve (resolvedRoleProblems).
      if (pulumi.Output.isInstance(value)) return;
      const problem = iamRoleArnProblem(value);
      if (problem) {
        check.add({
          setting: `${setting}[${index}]`,
          value,
          allowed: IAM_ROLE_ARN_ALLOWED,
          reason: problem,
        });
      }
    });
  }
  check.throwIfAny();
}

/**
 * Problems with role ARNs as they resolve: each well formed and in the deploying partition,
 * and none both an administrator and a task role (key administration stays apart from use).
 */
export function resolvedRoleProblems(
  ctx: AwsContext,
  administratorRoleArns: readonly string[],
  ecsTaskRoleArns: readonly string[],
): SettingProblem[] {
  const problems: SettingProblem[] = [];
  const lists = { administratorRoleArns, ecsTaskRoleArns };
  for (const [setting, arns] of Object.entries(lists)) {
    arns.forEach((value, index) => {
      const problem = iamRoleArnProblem(value);
      if (problem) {
        problems.push({
          setting: `${setting}[${index}]`,
          value,
          allowed: IAM_ROLE_ARN_ALLOWED,
          reason: problem,
        });
      } else if (parseArn(value).partition !== ctx.partition) {
        problems.push({
          setting: `${setting}[${index}]`,
          value,
          allowed: `a role in the deploying partition "${ctx.partition}"`,
        });
      }
    });
  }
  for (const arn of administratorRoleArns.filter((a) => ecsTaskRoleArns.includes(a))) {
    problems.push({
      setting: 'ecsTaskRoleArns',
      value: arn,
      allowed: 'roles that are not also key administrators',
      reason: 'separation of key administration from key use',
    });
  }
  return problems;
}
