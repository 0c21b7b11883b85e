import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packedFiles, packProblems } from '../pack-files';
import { publishedPackages, WORKSPACE_ROOT } from '../workspace-packages';

const manifest = { name: '@phi-platform/x', main: 'lib/index.js', types: 'lib/index.d.ts' };
const good = ['LICENSE', 'README.md', 'lib/index.d.ts', 'lib/index.js', 'package.json'];

describe('packProblems', () => {
  it('accepts compiled JS with declarations, README, LICENSE and package.json', () => {
    expect(packProblems(good, manifest)).toEqual([]);
  });

  it.each([
    ['src/index.ts'],
    ['test/index.test.ts'],
    ['lib/index.js.map'],
    ['tsconfig.json'],
    ['CHANGELOG.md'],
    ['examples/basic.ts'],
  ])('rejects %s', (extra) => {
    expect(packProblems([...good, extra], manifest)).toEqual([
      `@phi-platform/x ships ${extra}, which is not compiled JS, .d.ts, README, LICENSE ` +
        'or a file package.json names',
    ]);
  });

  it('accepts a plain file that package.json names exactly, not one matched by a glob', () => {
    const shim = { ...manifest, bin: { 'phi-stack': 'bin/phi-stack.js' } };
    const named = { ...shim, files: ['lib/**/*.js', 'bin/phi-stack.js', 'pack/*.yaml'] };
    expect(packProblems([...good, 'bin/phi-stack.js'], named)).toEqual([]);
    expect(packProblems([...good, 'bin/phi-stack.js', 'pack/PulumiPolicy.yaml'], named)).toEqual([
      '@phi-platform/x ships pack/PulumiPolicy.yaml, which is not compiled JS, .d.ts, README, ' +
        'LICENSE or a file package.json names',
    ]);
  });

  it('requires main, types, bin, README and LICENSE', () => {
    const bin = { ...manifest, bin: { 'phi-stack': './lib/cli/main.js' } };
    expect(packProblems(['package.json', 'lib/other.js', 'lib/other.d.ts'], bin)).toEqual([
      '@phi-platform/x does not ship README.md (needed by package.json)',
      '@phi-platform/x does not ship LICENSE (needed by package.json)',
      '@phi-platform/x does not ship lib/index.js (needed by package.json)',
      '@phi-platform/x does not ship lib/index.d.ts (needed by package.json)',
      '@phi-platform/x does not ship lib/cli/main.js (needed by package.json)',
    ]);
  });

  it('requires a declaration beside every compiled file', () => {
    expect(packProblems([...good, 'lib/util.js'], manifest)).toEqual([
      '@phi-platform/x ships lib/util.js without its declaration lib/util.d.ts',
    ]);
  });
});

describe('what npm packs from a package laid out like ours', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'phi-pack-'));
    const core = JSON.parse(
      readFileSync(join(WORKSPACE_ROOT, 'packages', 'core', 'package.json'), 'utf8'),
    ) as { files: string[] };
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ ...manifest, version: '1.0.0', files: core.files }),
    );
    for (const file of [
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'tsconfig.json',
      'src/index.ts',
      'test/index.test.ts',
      'lib/index.js',
      'lib/index.d.ts',
      'lib/index.js.map',
      'lib/nested/util.js',
      'lib/nested/util.d.ts',
      'lib/tsconfig.tsbuildinfo',
    ]) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), 'x\n');
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ships only compiled JS, declarations, README, LICENSE (the generated files field)', () => {
    const files = packedFiles(dir);
    expect(files).toEqual([
      'LICENSE',
      'README.md',
      'lib/index.d.ts',
      'lib/index.js',
      'lib/nested/util.d.ts',
      'lib/nested/util.js',
      'package.json',
    ]);
    expect(packProblems(files, manifest)).toEqual([]);
  });
});

describe('the published packages', () => {
  const packages = publishedPackages();

  it('are the building blocks under packages/, never the stacks', () => {
    expect(packages.map((p) => p.project)).toEqual(
      expect.arrayContaining(['core', 'crypto', 'networking', 'data', 'compute', 'offline']),
    );
    expect(packages.every((p) => p.dir.startsWith(join(WORKSPACE_ROOT, 'packages')))).toBe(true);
    for (const env of ['dev', 'staging', 'prod']) {
      const stack = JSON.parse(
        readFileSync(join(WORKSPACE_ROOT, 'stacks', env, 'package.json'), 'utf8'),
      ) as { private?: boolean };
      expect(stack.private).toBe(true);
    }
  });

  it('declare compiled code, README and LICENSE, plus only the plain files a package needs', () => {
    const extras: Record<string, string[]> = {
      '@phi-platform/platform': ['bin/phi-stack.js'],
      '@phi-platform/policies': ['pack/PulumiPolicy.yaml', 'pack/package.json'],
    };
    for (const pkg of packages) {
      const { files } = JSON.parse(readFileSync(join(pkg.dir, 'package.json'), 'utf8')) as {
        files: string[];
      };
      expect({ name: pkg.name, files }).toEqual({
        name: pkg.name,
        files: [
          'lib/**/*.js',
          'lib/**/*.d.ts',
          ...(extras[pkg.name] ?? []),
          'README.md',
          'LICENSE',
        ],
      });
    }
  });
});
