import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectGraph, Tree } from 'nx/src/devkit-exports';
import PackageJsonVersionActions from '../version-actions';
import { WORKSPACE_ROOT } from '../workspace-packages';

type Args = ConstructorParameters<typeof PackageJsonVersionActions>;

/** Just the part of Nx's Tree that the version actions use. */
function memoryTree(files: Record<string, string>): Tree & { files: Record<string, string> } {
  return {
    files,
    root: '/w',
    exists: (path: string) => path in files,
    read: (path: string) => files[path] ?? null,
    write: (path: string, content: string | Buffer) => {
      files[path] = content.toString();
    },
  } as unknown as Tree & { files: Record<string, string> };
}

const graph = {
  nodes: {
    core: { name: 'core', type: 'lib', data: { root: 'packages/core' } },
    crypto: { name: 'crypto', type: 'lib', data: { root: 'packages/crypto' } },
  },
  dependencies: {},
} as unknown as ProjectGraph;

async function actionsFor(project: 'core' | 'crypto', tree: Tree) {
  const actions = new PackageJsonVersionActions(
    { name: '__default__', projects: ['core', 'crypto'] } as unknown as Args[0],
    graph.nodes[project] as Args[1],
    { manifestRootsToUpdate: [], preserveLocalDependencyProtocols: true } as unknown as Args[2],
  );
  await actions.init(tree);
  return actions;
}

// A real generated manifest: what projen wrote must survive a version bump byte for byte.
const generated = readFileSync(join(WORKSPACE_ROOT, 'packages/crypto/package.json'), 'utf8');

describe('PackageJsonVersionActions', () => {
  it('changes only the version line of a projen-generated package.json', async () => {
    const tree = memoryTree({ 'packages/crypto/package.json': generated });
    const actions = await actionsFor('crypto', tree);
    await actions.updateProjectVersion(tree, '7.8.9');
    const before = generated.split('\n');
    const after = tree.files['packages/crypto/package.json']!.split('\n');
    const changed = after.filter((line, i) => line !== before[i]);
    expect(changed).toEqual(['  "version": "7.8.9",']);
    expect(after).toHaveLength(before.length);
  });

  it('reads the version on disk and the range of a sibling', async () => {
    const tree = memoryTree({
      'packages/core/package.json': JSON.stringify({
        name: '@phi-platform/core',
        version: '1.2.3',
      }),
      'packages/crypto/package.json': JSON.stringify({
        name: '@phi-platform/crypto',
        version: '0.4.0',
        dependencies: { '@phi-platform/core': '^1.2.3' },
      }),
    });
    const crypto = await actionsFor('crypto', tree);
    await expect(crypto.readCurrentVersionFromSourceManifest(tree)).resolves.toEqual({
      currentVersion: '0.4.0',
      manifestPath: 'packages/crypto/package.json',
    });
    await expect(crypto.readCurrentVersionOfDependency(tree, graph, 'core')).resolves.toEqual({
      currentVersion: '^1.2.3',
      dependencyCollection: 'dependencies',
    });
  });

  it('writes the new range into every collection that names the sibling', async () => {
    const tree = memoryTree({
      'packages/core/package.json': JSON.stringify({ name: '@phi-platform/core' }),
      'packages/crypto/package.json': JSON.stringify({
        name: '@phi-platform/crypto',
        dependencies: { '@phi-platform/core': '^1.0.0', other: '1.0.0' },
        devDependencies: { '@phi-platform/core': '^1.0.0' },
      }),
    });
    const crypto = await actionsFor('crypto', tree);
    // ^1.0.0 already admits 1.1.0; the range still moves, as projen will write it.
    await crypto.updateProjectDependencies(tree, graph, { core: '^1.1.0' });
    expect(JSON.parse(tree.files['packages/crypto/package.json']!)).toEqual({
      name: '@phi-platform/crypto',
      dependencies: { '@phi-platform/core': '^1.1.0', other: '1.0.0' },
      devDependencies: { '@phi-platform/core': '^1.1.0' },
    });
  });
});
