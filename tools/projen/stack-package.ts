import { SampleFile, YamlFile } from 'projen';
import { PhiPackage, PhiPackageOptions } from './phi-package';
import { versions } from './versions';

export type Environment = 'dev' | 'staging' | 'prod';

export interface StackPackageOptions
  extends Pick<PhiPackageOptions, 'parent' | 'description' | 'workspaceDeps'> {
  /** The environment, which is also the Pulumi stack name. */
  readonly env: Environment;
}

/** Pulumi verbs exposed as Nx targets; prod has no `destroy`. */
const DEPLOY_VERBS = ['preview', 'up', 'refresh', 'destroy'] as const;

/**
 * One environment of the platform: a private Pulumi project under `stacks/<env>` whose program
 * composes the building blocks. Its tasks fix the stack name, so `stacks-prod:up` can only ever
 * touch the prod stack.
 */
export class StackPackage extends PhiPackage {
  public readonly env: Environment;

  constructor(options: StackPackageOptions) {
    super({
      parent: options.parent,
      description: options.description,
      outdir: `stacks/${options.env}`,
      packageName: `stacks-${options.env}`,
      nxName: `stacks-${options.env}`,
      private: true,
      workspaceDeps: options.workspaceDeps,
      deps: [`@pulumi/pulumi@${versions.pulumi}`, `@pulumi/aws@${versions.pulumiAws}`],
    });
    this.env = options.env;

    new YamlFile(this, 'Pulumi.yaml', {
      obj: {
        name: 'phi-platform',
        description: 'HIPAA-ready AWS platform',
        runtime: 'nodejs',
        // The compiled program: `plan` and the deploy verbs run the same JavaScript.
        main: 'lib/index.js',
      },
    });
    // Settings are edited by people and by `pulumi config set`, so projen only seeds them.
    new SampleFile(this, `Pulumi.${options.env}.yaml`, { contents: 'config: {}\n' });

    const cli = `phi-stack`;
    this.addTask('plan', {
      description: `Run the ${options.env} program offline under AWS-aware mocks and the policy pack`,
      // The JSON and the diagram land in plan/ (an Nx output, uploaded by CI); the tree is printed.
      exec: `${cli} plan --stack ${options.env} --json plan/plan.json --mermaid plan/plan.mmd`,
      receiveArgs: true,
    });
    for (const verb of DEPLOY_VERBS) {
      if (verb === 'destroy' && options.env === 'prod') continue;
      // The stack comes before the verb: everything after the verb is passed to pulumi.
      const command = `${cli} pulumi --stack ${options.env} ${verb}`;
      this.addTask(verb, {
        description: `pulumi ${verb} of the ${options.env} stack (needs the Pulumi CLI)`,
        exec: command,
        receiveArgs: true,
      });
      // npm quotes the arguments it appends to a script; projen's task runner passes them
      // through a shell unquoted, which would split `--message "two words"`.
      this.package.setScript(verb, command);
    }
    this.gitignore.exclude('plan/');
  }
}
