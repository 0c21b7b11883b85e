/**
 * `npx projen release:pack-check`: for every published package (after a build), asks npm which
 * files it would pack and fails if any package ships more or less than it should.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PackManifest, packedFiles, packProblems } from './pack-files';
import { publishedPackages } from './workspace-packages';

function main(): void {
  const problems: string[] = [];
  for (const pkg of publishedPackages()) {
    const manifest = JSON.parse(
      readFileSync(join(pkg.dir, 'package.json'), 'utf8'),
    ) as PackManifest;
    const files = packedFiles(pkg.dir);
    const found = packProblems(files, manifest);
    problems.push(...found);
    process.stdout.write(
      `${found.length === 0 ? 'ok  ' : 'FAIL'} ${pkg.name}@${pkg.version}: ${files.length} files\n`,
    );
  }
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\n`);
    process.exit(1);
  }
}

main();
