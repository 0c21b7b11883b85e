import { InvalidSettingsError, SettingProblem } from '@phi-platform/core';
import * as pulumi from '@pulumi/pulumi';

/** Environment variable name to a value that may still be an Output (a database endpoint, say). */
export type EnvironmentInputs = Readonly<Record<string, pulumi.Input<string>>>;

/**
 * Problems with resolved environment values: each a string, none secret. `secretNames` are the
 * names whose value was a secret Output.
 */
export function resolvedEnvironmentProblems(
  values: Readonly<Record<string, unknown>>,
  secretNames: readonly string[],
): SettingProblem[] {
  const problems: SettingProblem[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (secretNames.includes(name)) {
      problems.push({
        setting: `environment.${name}`,
        value: '[secret]',
        allowed: 'non-secret settings only; pass this value through secrets',
        reason: 'the value is a secret Output',
      });
    } else if (typeof value !== 'string') {
      problems.push({ setting: `environment.${name}`, value, allowed: 'a string' });
    }
  }
  return problems;
}

/**
 * The environment with every value resolved, for the container definition. A secret value
 * would end up in clear text in the task definition, so it is refused when it resolves (the
 * names were checked in the constructor). The values are read unsecreted only to check them:
 * the refusal happens before anything is built from them.
 */
export function resolveEnvironment(
  subject: string,
  environment: EnvironmentInputs,
): pulumi.Output<Record<string, string>> {
  const names = Object.keys(environment);
  const secretFlags = names.map((name) => {
    const value = environment[name];
    return pulumi.Output.isInstance(value)
      ? pulumi.output(pulumi.isSecret(pulumi.output(value)))
      : false;
  });
  const values = pulumi.unsecret(
    pulumi.output(environment as Record<string, pulumi.Input<string>>),
  );
  return pulumi.all([pulumi.all(secretFlags), values]).apply(([flags, resolved]) => {
    const secretNames = names.filter((_, i) => flags[i] === true);
    const problems = resolvedEnvironmentProblems(resolved, secretNames);
    if (problems.length > 0) throw new InvalidSettingsError(subject, problems);
    return resolved;
  });
}
