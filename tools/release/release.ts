/**
 * `npm run release -- [options]`: releases the packages under packages/ whose code changed since
 * their last release, plus their dependents, with `nx release` (configured in nx.json by
 * tools/projen/release.ts). Steps:
 *
 * 1. nx release version: next versions from conventional commits, dependents patched, ranges
 *    rewritten (staged, not yet committed).
 * 2. `npx projen`: regenerates what follows from the new versions (the private stacks' ranges,
 *    the lockfile); these are staged too, so a later `npx projen` changes nothing.
 * 3. nx release changelog: CHANGELOG.md per package, one commit, a `<project>@<version>` tag each.
 * 4. build, pack check, `npm publish` of each released package (dependencies first), skipping a
 *    version the registry already has, so a failed publish can simply be run again.
 *
 * Options: --dry-run (print the plan, change nothing), --skip-publish, --publish-only (only
 * step 4, for every package whose version the registry lacks), --registry <url>,
 * --specifier <patch|minor|major|x.y.z> (instead of conventional commits),
 * --dist-tag <tag>, --preid <id> (pre-releases), --first-release, --projects a,b, --push (push
 * the release commit and tags), --yes (accepted, never prompts), --verbose.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { releaseChangelog, releaseVersion } from 'nx/release';
import { PackManifest, packedFiles, packProblems } from './pack-files';
import {
  inPublishOrder,
  npm,
  publishedPackages,
  SCOPE,
  WORKSPACE_ROOT,
  WorkspacePackage,
} from './workspace-packages';

const { values: opts } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', short: 'd', default: false },
    'skip-publish': { type: 'boolean', default: false },
    // Publish every package whose current version the registry lacks (finishes a failed publish).
    'publish-only': { type: 'boolean', default: false },
    registry: { type: 'string' },
    'dist-tag': { type: 'string', default: 'latest' },
    preid: { type: 'string' },
    // An explicit bump or version for every selected project, instead of conventional commits.
    specifier: { type: 'string' },
    'first-release': { type: 'boolean', default: false },
    projects: { type: 'string' },
    push: { type: 'boolean', default: false },
    // Accepted for CI scripts written for `nx release --yes`; this script never prompts.
    yes: { type: 'boolean', short: 'y', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

const dryRun = opts['dry-run'];

function run(command: string, args: readonly string[]): void {
  execFileSync(command, args, { cwd: WORKSPACE_ROOT, stdio: 'inherit' });
}

/** The registry `npm publish` will use: --registry, else npm's config for our scope. */
function targetRegistry(): string {
  if (opts.registry) return opts.registry;
  const scoped = npm(['config', 'get', `${SCOPE}:registry`], WORKSPACE_ROOT).trim();
  if (scoped !== '' && scoped !== 'undefined') return scoped;
  return npm(['config', 'get', 'registry'], WORKSPACE_ROOT).trim();
}

function registryArgs(registry: string): string[] {
  // A scope-level registry in someone's .npmrc would win over plain --registry; set both.
  return [`--registry=${registry}`, `--${SCOPE}:registry=${registry}`];
}

function alreadyPublished(pkg: WorkspacePackage, registry: string): boolean {
  try {
    const out = npm(
      ['view', `${pkg.name}@${pkg.version}`, 'version', ...registryArgs(registry)],
      WORKSPACE_ROOT,
    );
    return out.trim() !== '';
  } catch {
    // npm view exits non-zero (E404) for a package the registry has never seen.
    return false;
  }
}

function publish(projects: readonly string[], registry: string): void {
  const wanted = new Set(projects);
  const packages = inPublishOrder(publishedPackages().filter((p) => wanted.has(p.project)));
  run('npx', ['nx', 'run-many', '-t', 'build', `--projects=${projects.join(',')}`]);
  const problems = packages.flatMap((pkg) => {
    const manifest = JSON.parse(
      readFileSync(join(pkg.dir, 'package.json'), 'utf8'),
    ) as PackManifest;
    return packProblems(packedFiles(pkg.dir), manifest);
  });
  if (problems.length > 0) throw new Error(`pack check failed:\n${problems.join('\n')}`);
  for (const pkg of packages) {
    if (alreadyPublished(pkg, registry)) {
      process.stdout.write(`skip ${pkg.name}@${pkg.version}: already in ${registry}\n`);
      continue;
    }
    const tag = opts['dist-tag'];
    run('npm', ['publish', pkg.dir, `--tag=${tag}`, ...registryArgs(registry)]);
  }
}

function assertCleanTree(): void {
  const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: WORKSPACE_ROOT,
    encoding: 'utf8',
  });
  if (status.trim() !== '') {
    throw new Error(`commit or remove these changes before a release:\n${status}`);
  }
}

async function main(): Promise<void> {
  if (!dryRun) assertCleanTree();
  const registry = targetRegistry();
  if (opts['publish-only']) {
    const all = publishedPackages();
    if (dryRun) {
      const missing = all.filter((pkg) => !alreadyPublished(pkg, registry));
      for (const pkg of missing) {
        process.stdout.write(`would publish ${pkg.name}@${pkg.version} to ${registry}\n`);
      }
      return;
    }
    publish(
      all.map((p) => p.project),
      registry,
    );
    return;
  }
  const { projectsVersionData, workspaceVersion } = await releaseVersion({
    dryRun,
    verbose: opts.verbose,
    firstRelease: opts['first-release'],
    preid: opts.preid,
    specifier: opts.specifier,
    projects: opts.projects?.split(','),
    gitCommit: false,
    gitTag: false,
    stageChanges: !dryRun,
  });
  const released = Object.entries(projectsVersionData)
    .filter(([, data]) => data.newVersion !== null)
    .map(([project, data]) => ({ project, from: data.currentVersion, to: data.newVersion ?? '' }));

  process.stdout.write(
    `\nRelease plan (${dryRun ? 'dry run' : 'for real'}), registry ${registry}:\n`,
  );
  for (const r of released) process.stdout.write(`  ${r.project}: ${r.from} -> ${r.to}\n`);
  const unchanged = Object.keys(projectsVersionData).filter(
    (p) => !released.some((r) => r.project === p),
  );
  process.stdout.write(`  unchanged: ${unchanged.join(', ') || '(none)'}\n\n`);
  if (released.length === 0) return;

  if (!dryRun) {
    // Everything projen regenerates from the new versions (stacks' ranges, .projen/deps.json,
    // the lockfile) joins the release commit; the clean-tree check above keeps others' work out.
    run('npx', ['projen']);
    run('git', ['add', '--update']);
  }
  await releaseChangelog({
    versionData: projectsVersionData,
    version: workspaceVersion,
    dryRun,
    verbose: opts.verbose,
    firstRelease: opts['first-release'],
    gitCommit: !dryRun,
    gitTag: !dryRun,
    gitPush: !dryRun && opts.push,
  });
  if (opts['skip-publish'] || dryRun) {
    if (dryRun) {
      for (const r of released) {
        process.stdout.write(`would publish ${SCOPE}/${r.project}@${r.to} to ${registry}\n`);
      }
    }
    return;
  }
  publish(
    released.map((r) => r.project),
    registry,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
