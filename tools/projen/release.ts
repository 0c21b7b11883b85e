import { Component, javascript, JsonFile } from 'projen';

/**
 * How `nx release` versions and changelogs the published packages. Nx reads this from nx.json.
 *
 * - Only `packages/*` is released; stacks are private and always build against the workspace.
 * - Independent versions; the next version comes from conventional commits since the project's
 *   last `<project>@<version>` tag (before the first tag: since the first commit touching it,
 *   from the version on disk).
 * - A commit's scope is the Nx project name, which is the package's short name: `feat(data): ...`
 *   bumps data, `fix(core,crypto): ...` both. A commit without scope counts for every project
 *   whose files it touches. Projects that a commit only affects through the dependency graph
 *   (dependents) get a patch, like `updateDependents`.
 * - Dependents are patch-released with their dependency range set to `^<new version>`. projen
 *   writes sibling ranges the same way (tools/projen/phi-package.ts), so neither tool undoes the
 *   other's work.
 */
export function nxReleaseConfig(): Record<string, unknown> {
  return {
    projects: ['packages/*'],
    projectsRelationship: 'independent',
    releaseTag: { pattern: '{projectName}@{version}' },
    version: {
      specifierSource: 'conventional-commits',
      currentVersionResolver: 'git-tag',
      // The first release starts from the version in package.json.
      fallbackCurrentVersionResolver: 'disk',
      // Our own package.json writer: @nx/js (the default) is not published for Nx 24, and ours
      // writes ranges exactly as projen does (always `^<version>`, never a preserved old range).
      versionActions: 'tools/release/version-actions.ts',
      versionPrefix: '^',
      updateDependents: 'auto',
      logUnchangedProjects: true,
      // Staged only: tools/release/release.ts regenerates the stacks and the lockfile from the
      // new versions, then the changelog step commits everything in one release commit.
      git: { commit: false, tag: false, stageChanges: true },
    },
    changelog: {
      workspaceChangelog: false,
      projectChangelogs: {
        file: '{projectRoot}/CHANGELOG.md',
        createRelease: false,
        // No look-ups of authors on a code host: releases run offline except for the registry.
        renderOptions: { authors: false, commitReferences: false, versionTitleDate: true },
      },
      git: { commit: true, tag: true, commitMessage: 'chore(release): publish' },
    },
    conventionalCommits: { useCommitScope: true },
  };
}

/**
 * Release tasks of the workspace root:
 * - `release`: version, changelog, commit, tag, build, check and publish what changed
 *   (`npm run release -- --dry-run` shows the plan and changes nothing);
 * - `release:pack-check`: what `npm pack` would ship for every published package;
 * - `release:verify`: build, pack check, and the Verdaccio round trip (tools/release/verify).
 */
export class ReleaseTasks extends Component {
  constructor(root: javascript.NodeProject) {
    super(root);
    const nxJson = root.tryFindObjectFile('nx.json');
    if (!(nxJson instanceof JsonFile)) throw new Error('ReleaseTasks needs the generated nx.json');
    nxJson.addOverride('release', nxReleaseConfig());

    root.addTask('release', {
      description:
        'Version, changelog, tag and publish the changed packages (--dry-run, --registry <url>)',
      exec: 'tsx tools/release/release.ts',
      receiveArgs: true,
    });
    const build = 'nx run-many -t build --projects=packages/*';
    root.addTask('release:pack-check', {
      description: 'Build every published package and check the files `npm pack` would ship',
      steps: [{ exec: build }, { exec: 'tsx tools/release/pack-check.ts', receiveArgs: true }],
    });
    root.addTask('release:verify', {
      description:
        'Pack check, then publish to a local Verdaccio and install @phi-platform/compute from it',
      steps: [
        { spawn: 'release:pack-check' },
        { exec: 'tsx tools/release/verify-registry.ts', receiveArgs: true },
      ],
    });
  }
}
