/**
 * `npm run bench`: how long `phi-stack plan` takes and how much memory it needs, per stack and
 * across regions, next to the cost of merely loading the Pulumi SDK and the AWS provider.
 *
 * Runs the compiled CLI (build first: `npx nx run-many -t build`), one child process per
 * measurement, so every figure includes Node start-up as CI sees it. Wall time comes from this
 * process's clock, peak memory from the child's own `process.resourceUsage().maxRSS`.
 * Results: a table on stdout and JSON in .cache/bench/ (git-ignored).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(__dirname, '..', '..');
const cli = join(repo, 'packages', 'platform', 'lib', 'cli', 'main.js');
const STACKS = ['dev', 'staging', 'prod'] as const;
const REGIONS = [
  'us-east-1',
  'us-west-1',
  'eu-central-1',
  'eu-west-1',
  'ap-northeast-1',
  'ap-southeast-7',
  'sa-east-1',
  'me-central-1',
  'af-south-1',
  'ca-central-1',
  'us-gov-west-1',
  'cn-northwest-1',
];
const REPEATS = Number(process.env.BENCH_REPEATS ?? '3');

interface Sample {
  readonly wallMs: number;
  readonly maxRssMb: number;
  readonly exitCode: number;
}

/**
 * Runs a Node script in a child whose exit hook prints its peak RSS on a last line, so the figure
 * is the child's own and needs no /usr/bin/time.
 */
function runNode(args: string[], cwd: string): Sample {
  const hook = join(repo, '.cache', 'bench', 'report-rss.js');
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--require', hook, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const match = /PHI_BENCH_MAXRSS_KB=(\d+)/.exec(child.stderr ?? '');
  if (!match) {
    throw new Error(`no RSS reported by: node ${args.join(' ')}\n${child.stderr ?? ''}`);
  }
  return { wallMs, maxRssMb: Number(match[1]) / 1024, exitCode: child.status ?? -1 };
}

function median(samples: readonly Sample[]): Sample {
  const byWall = [...samples].sort((a, b) => a.wallMs - b.wallMs);
  return byWall[Math.floor(byWall.length / 2)] as Sample;
}

function repeat(times: number, fn: () => Sample): Sample {
  return median(Array.from({ length: times }, fn));
}

const fmt = (n: number) => n.toFixed(0).padStart(7);

function main(): void {
  if (!existsSync(cli)) {
    process.stderr.write(`${cli} is missing: build first with "npx nx run-many -t build"\n`);
    process.exit(1);
  }
  const out = join(repo, '.cache', 'bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'report-rss.js'),
    "process.on('exit', () => process.stderr.write('\\nPHI_BENCH_MAXRSS_KB=' + " +
      "process.resourceUsage().maxRSS + '\\n'));\n",
  );

  const load = repeat(REPEATS, () =>
    runNode(['-e', "require('@pulumi/pulumi'); require('@pulumi/aws');"], repo),
  );
  const loadPulumiOnly = repeat(REPEATS, () => runNode(['-e', "require('@pulumi/pulumi');"], repo));
  const baseline = repeat(REPEATS, () => runNode(['-e', '0'], repo));

  const stacks = STACKS.map((stack) => ({
    stack,
    ...repeat(REPEATS, () => runNode([cli, 'plan', '--stack', stack], join(repo, 'stacks', stack))),
  }));

  const matrix: {
    stack: string;
    region: string;
    wallMs: number;
    maxRssMb: number;
    exitCode: number;
  }[] = [];
  const matrixStart = process.hrtime.bigint();
  for (const stack of STACKS) {
    for (const region of REGIONS) {
      const sample = runNode(
        [cli, 'plan', '--stack', stack, '--region', region],
        join(repo, 'stacks', stack),
      );
      matrix.push({ stack, region, ...sample });
    }
  }
  const matrixMs = Number(process.hrtime.bigint() - matrixStart) / 1e6;

  const lines = [
    `Node ${process.version}, ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; median of ${REPEATS}`,
    '',
    'what                                   wall ms  peak RSS MB',
    `node -e 0 (start-up)                   ${fmt(baseline.wallMs)}  ${fmt(baseline.maxRssMb)}`,
    `load @pulumi/pulumi                    ${fmt(loadPulumiOnly.wallMs)}  ${fmt(loadPulumiOnly.maxRssMb)}`,
    `load @pulumi/pulumi + @pulumi/aws      ${fmt(load.wallMs)}  ${fmt(load.maxRssMb)}`,
    ...stacks.map(
      (s) =>
        `plan --stack ${s.stack.padEnd(8)} (own region) ${fmt(s.wallMs)}  ${fmt(s.maxRssMb)}   exit ${s.exitCode}`,
    ),
    '',
    `${matrix.length} plans (${STACKS.length} stacks x ${REGIONS.length} regions): ${(matrixMs / 1000).toFixed(1)} s in total`,
    'stack     region            wall ms  peak RSS MB  exit',
    ...matrix.map(
      (m) =>
        `${m.stack.padEnd(9)} ${m.region.padEnd(16)} ${fmt(m.wallMs)}  ${fmt(m.maxRssMb)}      ${m.exitCode}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const file = join(out, 'plan-bench.json');
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        node: process.version,
        cpus: cpus().length,
        repeats: REPEATS,
        startup: baseline,
        loadPulumi: loadPulumiOnly,
        loadPulumiAndAws: load,
        stacks,
        matrix,
        matrixMs,
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(`\nWrote ${file}\n`);
}

main();
