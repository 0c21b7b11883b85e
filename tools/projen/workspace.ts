import { javascript, JsonFile, TextFile, typescript } from 'projen';
import { pin, versions } from './versions';
import { addWorkflows } from './workflows';

/**
 * The workspace root: npm workspaces, one lockfile, the shared compiler and lint settings, and
 * Nx as the task runner. It is not itself an Nx project.
 */
export class Workspace extends typescript.TypeScriptProject {
  constructor() {
    super({
      name: '@phi-platform/workspace',
      description: 'HIPAA-ready AWS platform as Pulumi packages',
      defaultReleaseBranch: 'main',
      packageManager: javascript.NodePackageManager.NPM,
      projenrcTs: true,
      projenrcTsOptions: {
        runner: typescript.TypeScriptRunner.tsx(),
        projenCodeDir: 'tools/projen',
      },
      projenVersion: versions.projen,
      typescriptVersion: versions.typescript,
      // The root has no sources of its own; packages carry their own tsconfig files.
      disableTsconfig: true,
      // Type-checks the projen classes and the repo's tools (benchmarks, release checks).
      tsconfigDev: {
        include: ['.projenrc.ts', 'tools/**/*.ts'],
        compilerOptions: { noEmit: true, skipLibCheck: true },
      },
      sampleCode: false,
      // GitHub Actions workflows come from tools/projen/workflows.ts; projen's own are off.
      github: true,
      githubOptions: { pullRequestLint: false, mergify: false },
      release: false,
      jest: false,
      eslint: false,
      package: false,
      buildWorkflow: false,
      depsUpgrade: false,
      pullRequestTemplate: false,
      licensed: true,
      license: 'Apache-2.0',
      prettier: true,
      prettierOptions: {
        settings: {
          printWidth: 100,
          singleQuote: true,
          trailingComma: javascript.TrailingComma.ALL,
        },
      },
      devDeps: [
        pin('constructs', versions.constructs),
        pin('tsx', versions.tsx),
        pin('@types/node', versions.typesNode),
        pin('nx', versions.nx),
        pin('jest', versions.jest),
        pin('@swc/jest', versions.swcJest),
        pin('@swc/core', versions.swcCore),
        pin('@types/jest', versions.typesJest),
        pin('eslint', versions.eslint),
        pin('@eslint/js', versions.eslintJs),
        pin('typescript-eslint', versions.typescriptEslint),
        pin('@pulumi/eslint-plugin', versions.pulumiEslint),
        pin('yaml', versions.yaml),
        // Local npm registry for the publish round trip (tools/release/verify-registry.ts).
        pin('verdaccio', versions.verdaccio),
        pin('@action-validator/cli', versions.actionValidator),
      ],
    });
    // projen's Prettier component adds an unpinned `prettier`; pin it like the rest.
    this.deps.removeDependency('prettier');
    this.addDevDeps(pin('prettier', versions.prettier));
    this.package.addField('private', true);
    this.package.addField('workspaces', ['packages/*', 'stacks/*']);
    this.package.addEngine('node', '>=20.19 <23');

    addWorkflows(this.github!);
    this.addNxConfig();
    this.addCompilerBase();
    this.addRepoTestConfig();
    this.addLintConfig();

    this.gitignore.exclude('.nx/cache', '.nx/workspace-data', 'lib/', '*.tsbuildinfo');

    this.tasks.tryFind('compile')?.reset();
    this.testTask.reset();
    this.testTask.exec('tsc -p tsconfig.dev.json --noEmit', {
      name: 'type-check the projen classes and repo tools',
    });
    this.testTask.exec('jest --ci -c tools/jest.config.json', {
      name: 'repository checks: generated workflows, scripts',
    });
    this.testTask.exec('nx run-many -t lint typecheck test plan', { receiveArgs: true });
  }

  /** Jest for the repository's own checks under tools/ (workflows, release, scripts). */
  private addRepoTestConfig(): void {
    new JsonFile(this, 'tools/jest.config.json', {
      obj: {
        rootDir: '..',
        testEnvironment: 'node',
        roots: ['<rootDir>/tools'],
        testMatch: ['**/*.test.ts'],
        transform: {
          '^.+\\.ts$': [
            '@swc/jest',
            {
              jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
              module: { type: 'commonjs' },
            },
          ],
        },
        testTimeout: 120000,
      },
    });
  }

  private addNxConfig(): void {
    const cached = { cache: true, dependsOn: ['^build'] };
    new JsonFile(this, 'nx.json', {
      obj: {
        $schema: './node_modules/nx/schemas/nx-schema.json',
        // In the repo, not under ~/.nx, so CI caches and cleans it with the checkout.
        cacheDirectory: '.nx/cache',
        neverConnectToCloud: true,
        // Must be present: Nx otherwise asks and writes the answer into this read-only file.
        analytics: false,
        defaultBase: 'main',
        parallel: 2,
        namedInputs: {
          default: ['{projectRoot}/**/*', 'sharedGlobals'],
          production: [
            'default',
            '!{projectRoot}/test/**/*',
            '!{projectRoot}/examples/**/*',
            '!{projectRoot}/README.md',
            '!{projectRoot}/docs/**/*',
          ],
          sharedGlobals: ['{workspaceRoot}/tsconfig.base.json'],
        },
        targetDefaults: {
          build: {
            ...cached,
            inputs: ['production', '^production'],
            outputs: ['{projectRoot}/lib'],
          },
          // Type-check, lint and tests read siblings' sources (tsconfig paths, Jest module
          // mapping), so they need no build first and run in parallel.
          typecheck: { cache: true, inputs: ['default', '^production'] },
          lint: {
            cache: true,
            inputs: ['default', '^production', '{workspaceRoot}/eslint.config.mjs'],
          },
          test: { cache: true, inputs: ['default', '^production'] },
          plan: {
            ...cached,
            dependsOn: ['build', '^build'],
            inputs: ['default', '^production'],
            outputs: ['{projectRoot}/plan'],
          },
          // Deploy verbs talk to AWS: never cached, always after a build of the program.
          preview: { cache: false, dependsOn: ['build'] },
          up: { cache: false, dependsOn: ['build'] },
          refresh: { cache: false, dependsOn: ['build'] },
          destroy: { cache: false, dependsOn: ['build'] },
        },
      },
    });
  }

  private addCompilerBase(): void {
    new JsonFile(this, 'tsconfig.base.json', {
      obj: {
        compilerOptions: {
          target: 'ES2022',
          module: 'commonjs',
          moduleResolution: 'node',
          lib: ['ES2022'],
          types: ['node', 'jest'],
          strict: true,
          noImplicitAny: true,
          noImplicitReturns: true,
          noImplicitOverride: true,
          noFallthroughCasesInSwitch: true,
          noUnusedLocals: true,
          noUnusedParameters: true,
          noUncheckedIndexedAccess: true,
          esModuleInterop: true,
          resolveJsonModule: true,
          declaration: true,
          sourceMap: false,
          // The AWS provider's typings are large; checking them again in every package is waste.
          skipLibCheck: true,
          forceConsistentCasingInFileNames: true,
        },
      },
    });
  }

  private addLintConfig(): void {
    new TextFile(this, 'eslint.config.mjs', {
      lines: [
        '// Generated by projen (tools/projen/workspace.ts). Do not edit.',
        "import js from '@eslint/js';",
        "import pulumi from '@pulumi/eslint-plugin';",
        "import tseslint from 'typescript-eslint';",
        '',
        'export default tseslint.config(',
        "  { ignores: ['**/lib/**', '**/node_modules/**', '**/coverage/**'] },",
        '  js.configs.recommended,',
        '  ...tseslint.configs.recommendedTypeChecked,',
        '  {',
        '    languageOptions: {',
        // Each package lints from its own folder against its own tsconfig.dev.json.
        "      parserOptions: { project: './tsconfig.dev.json', tsconfigRootDir: process.cwd() },",
        '    },',
        '    plugins: { pulumi },',
        '    rules: {',
        "      'pulumi/no-output-in-template-literal': 'error',",
        "      'pulumi/no-output-instance-in-template-literal': 'error',",
        "      '@typescript-eslint/no-explicit-any': 'error',",
        "      'no-console': 'error',",
        '    },',
        '  },',
        // Committed CommonJS entry points (command shims): no type information, Node globals.
        '  {',
        "    files: ['**/*.js'],",
        '    ...tseslint.configs.disableTypeChecked,',
        '    languageOptions: {',
        '      ...tseslint.configs.disableTypeChecked.languageOptions,',
        "      sourceType: 'commonjs',",
        "      globals: { require: 'readonly', process: 'readonly', __dirname: 'readonly' },",
        '    },',
        '    rules: {',
        '      ...tseslint.configs.disableTypeChecked.rules,',
        "      '@typescript-eslint/no-require-imports': 'off',",
        "      'pulumi/no-output-in-template-literal': 'off',",
        "      'pulumi/no-output-instance-in-template-literal': 'off',",
        '    },',
        '  },',
        ');',
      ],
    });
  }
}
