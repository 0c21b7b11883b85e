import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { javascript, JsonFile, Task } from 'projen';
import { pin, versions } from './versions';

/** npm scope every package of the platform is published under. */
export const SCOPE = '@phi-platform';

export interface PhiPackageOptions {
  /** The workspace root project. */
  readonly parent: javascript.NodeProject;
  /** Folder relative to the root, e.g. `packages/crypto`. */
  readonly outdir: string;
  /** npm package name without the scope. */
  readonly packageName: string;
  /** Nx project name (what `npx nx run <name>:<target>` takes). */
  readonly nxName: string;
  readonly description: string;
  /** Sibling packages this one imports at run time, by short name (`core`, `crypto`, ...). */
  readonly workspaceDeps?: string[];
  /** Sibling packages used only by tests or tools, by short name. */
  readonly workspaceDevDeps?: string[];
  /** Third-party run-time dependencies, `name@version`. */
  readonly deps?: string[];
  /** Third-party development dependencies, `name@version`. */
  readonly devDeps?: string[];
  /** Executables the package ships, name to path of the compiled file. */
  readonly bin?: Record<string, string>;
  /** Files published besides the compiled code, README and LICENSE (globs). */
  readonly extraPublishedFiles?: string[];
  /** Stacks are private; building blocks are published. */
  readonly private?: boolean;
}

/**
 * What every TypeScript package of the workspace shares: compiler settings extended from the
 * root, Jest through @swc/jest (fast, transpile only) with types checked by a separate
 * `typecheck` task, type-aware ESLint, and Nx-visible tasks.
 */
export class PhiPackage extends javascript.NodeProject {
  public readonly nxName: string;
  public readonly lintTask: Task;

  constructor(options: PhiPackageOptions) {
    // Sibling ranges follow the sibling's released version, exactly as `nx release` writes them
    // (see tools/projen/release.ts), so a synth after a release changes nothing.
    const workspaceRange = (short: string) =>
      `${SCOPE}/${short}@^${releasedVersion(join(options.parent.outdir, 'packages', short))}`;
    super({
      parent: options.parent,
      outdir: options.outdir,
      name: `${SCOPE}/${options.packageName}`,
      description: options.description,
      defaultReleaseBranch: 'main',
      packageManager: javascript.NodePackageManager.NPM,
      // The root's single `npm install` links every workspace; see installTask reset below.
      deps: [...(options.workspaceDeps ?? []).map(workspaceRange), ...(options.deps ?? [])],
      devDeps: [
        ...(options.workspaceDevDeps ?? []).map(workspaceRange),
        ...(options.devDeps ?? []),
        // projen writes `@types/node@ts<version>` unless a version is given.
        pin('@types/node', versions.typesNode),
      ],
      bin: options.bin,
      // Commands are declared explicitly; a file in bin/ is not a command by being there.
      autoDetectBin: false,
      license: 'Apache-2.0',
      jest: false,
      prettier: false,
      github: false,
      release: false,
      package: false,
      buildWorkflow: false,
      depsUpgrade: false,
      pullRequestTemplate: false,
      npmignoreEnabled: false,
      projenrcJs: false,
      entrypoint: 'lib/index.js',
    });
    this.nxName = options.nxName;

    // Subprojects must not install on their own: the root installs once for the workspace.
    this.package.installTask.reset();
    this.package.installCiTask.reset();

    // projen writes 0.0.0 outside its own release builds; `nx release` owns this field instead.
    this.package.addVersion(releasedVersion(join(options.parent.outdir, options.outdir)));
    this.package.addField('types', 'lib/index.d.ts');
    this.package.addField('files', [
      'lib/**/*.js',
      'lib/**/*.d.ts',
      ...(options.extraPublishedFiles ?? []),
      'README.md',
      'LICENSE',
    ]);
    this.package.addField('nx', { name: options.nxName });
    if (options.private) {
      this.package.addField('private', true);
    } else {
      this.package.addField('publishConfig', { access: 'public' });
    }

    const depth = options.outdir.split('/').length;
    const toRoot = Array(depth).fill('..').join('/');
    new JsonFile(this, 'tsconfig.json', {
      obj: {
        extends: `${toRoot}/tsconfig.base.json`,
        compilerOptions: { rootDir: 'src', outDir: 'lib' },
        include: ['src/**/*.ts'],
      },
    });
    new JsonFile(this, 'tsconfig.dev.json', {
      obj: {
        extends: `${toRoot}/tsconfig.base.json`,
        compilerOptions: {
          noEmit: true,
          // Siblings are checked from their sources, so type-check and lint need no prior build.
          baseUrl: '.',
          paths: { [`${SCOPE}/*`]: [`${toRoot}/packages/*/src`] },
        },
        include: ['src/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts'],
      },
    });

    this.package.addField('jest', {
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      // Tests run against siblings' sources, like the type-check: no stale build can hide a change.
      moduleNameMapper: { [`^${SCOPE}/([a-z-]+)$`]: `<rootDir>/${toRoot}/packages/$1/src` },
      transform: {
        '^.+\\.ts$': [
          '@swc/jest',
          {
            jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
            module: { type: 'commonjs' },
          },
        ],
      },
      // Pulumi programs under mocks resolve many outputs; the default 5 s is tight on 2 cores.
      testTimeout: 60000,
    });

    this.compileTask.reset('tsc -p tsconfig.json');
    // projen's `build` also synthesizes and tests. For Nx, `build` is compilation only: tests,
    // lint and type-check are targets of their own, cached separately.
    this.package.setScript('build', 'projen compile');
    this.testTask.reset('jest --ci', { receiveArgs: true });
    this.addTask('typecheck', {
      description: 'Type-check sources, tests and examples',
      exec: 'tsc -p tsconfig.dev.json',
    });
    this.lintTask = this.addTask('lint', {
      description: 'ESLint (type-aware) over sources, tests and examples',
      exec: 'eslint --max-warnings 0 .',
      receiveArgs: true,
    });
    this.lintTask.exec('prettier --check --no-error-on-unmatched-pattern src test examples');
    this.gitignore.exclude('lib/', 'coverage/');
    // Steps of projen's release build that this workspace does not use; hidden from Nx.
    for (const unused of ['default', 'package', 'pre-compile', 'post-compile', 'watch']) {
      this.package.removeScript(unused);
    }
  }
}

/**
 * The version `nx release` last wrote into the package.json in `dir` (0.0.0 before the first
 * release or for a new package). The generated package.json is both projen's output and the
 * record of the released version.
 */
export function releasedVersion(dir: string): string {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return '0.0.0';
  const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown };
  return typeof parsed.version === 'string' && parsed.version !== '' ? parsed.version : '0.0.0';
}
