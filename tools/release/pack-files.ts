/**
 * What a published package may ship: compiled JavaScript, type declarations, README, LICENSE,
 * the package.json npm always adds, and the few plain files package.json names one by one (a
 * command's shim, a policy-pack descriptor). Sources, tests, examples, tsconfig files, source maps
 * and changelogs stay in the repository.
 */
import { npm } from './workspace-packages';

const ALWAYS = ['package.json', 'README.md', 'LICENSE'];
const COMPILED = /^lib\/.+\.(js|d\.ts)$/;

export interface PackManifest {
  readonly name: string;
  readonly main?: string;
  readonly types?: string;
  readonly bin?: string | Record<string, string>;
  readonly files?: readonly string[];
}

/** Problems with the file list of one package; empty when it ships exactly what it should. */
export function packProblems(files: readonly string[], manifest: PackManifest): string[] {
  const problems: string[] = [];
  const shipped = new Set(files);
  const named = (manifest.files ?? []).filter((f) => !/[*?{[]/.test(f));
  for (const file of files) {
    if (!ALWAYS.includes(file) && !COMPILED.test(file) && !named.includes(file)) {
      problems.push(
        `${manifest.name} ships ${file}, which is not compiled JS, .d.ts, README, LICENSE ` +
          'or a file package.json names',
      );
    }
  }
  const bins =
    typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {});
  const required = [...ALWAYS, manifest.main, manifest.types, ...bins];
  for (const file of required) {
    if (file === undefined) continue;
    const normalized = file.replace(/^\.\//, '');
    if (!shipped.has(normalized)) {
      problems.push(`${manifest.name} does not ship ${normalized} (needed by package.json)`);
    }
  }
  for (const js of files.filter((f) => f.startsWith('lib/') && f.endsWith('.js'))) {
    const declaration = js.replace(/\.js$/, '.d.ts');
    if (!shipped.has(declaration)) {
      problems.push(`${manifest.name} ships ${js} without its declaration ${declaration}`);
    }
  }
  return problems;
}

interface NpmPackResult {
  files: { path: string }[];
}

/** The paths `npm pack` would put into the tarball of the package in `dir`. */
export function packedFiles(dir: string): string[] {
  const output = npm(['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error'], dir);
  const [result] = JSON.parse(output) as NpmPackResult[];
  if (!result) throw new Error(`npm pack --dry-run --json printed nothing in ${dir}`);
  return result.files.map((f) => f.path).sort();
}
