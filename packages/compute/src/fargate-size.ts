/**
 * The task sizes Fargate accepts for Linux tasks, as data. The table follows the ECS
 * developer guide ("Task CPU and memory"); 8 and 16 vCPU need platform version 1.4.0 or later,
 * which `LATEST` always is.
 */

export interface FargateMemoryRange {
  /** Task CPU units (1024 = 1 vCPU). */
  readonly cpu: number;
  /** Smallest memory in MiB. */
  readonly minMemory: number;
  /** Largest memory in MiB. */
  readonly maxMemory: number;
  /** Memory must be `minMemory + k * step`. */
  readonly step: number;
}

/** Every CPU value Fargate accepts, with the memory it may be combined with. */
export const FARGATE_TASK_SIZES: readonly FargateMemoryRange[] = [
  { cpu: 256, minMemory: 512, maxMemory: 2048, step: 512 },
  { cpu: 512, minMemory: 1024, maxMemory: 4096, step: 1024 },
  { cpu: 1024, minMemory: 2048, maxMemory: 8192, step: 1024 },
  { cpu: 2048, minMemory: 4096, maxMemory: 16384, step: 1024 },
  { cpu: 4096, minMemory: 8192, maxMemory: 30720, step: 1024 },
  { cpu: 8192, minMemory: 16384, maxMemory: 61440, step: 4096 },
  { cpu: 16384, minMemory: 32768, maxMemory: 122880, step: 8192 },
];

/** Memory values (MiB) allowed with `cpu`; empty when `cpu` is not a Fargate size. */
export function fargateMemoryOptions(cpu: number): number[] {
  const row = FARGATE_TASK_SIZES.find((r) => r.cpu === cpu);
  if (!row) return [];
  const values: number[] = [];
  for (let m = row.minMemory; m <= row.maxMemory; m += row.step) values.push(m);
  // 256 CPU allows 512, 1024 and 2048: the 512 step also yields 1536, which Fargate refuses.
  return cpu === 256 ? values.filter((m) => m !== 1536) : values;
}

export function isFargateSize(cpu: number, memory: number): boolean {
  return fargateMemoryOptions(cpu).includes(memory);
}

/** `256 (0.25 vCPU)` with `512, 1024, 2048` style text for error messages. */
export function describeFargateMemory(cpu: number): string {
  const row = FARGATE_TASK_SIZES.find((r) => r.cpu === cpu);
  if (!row) return 'a cpu value from the Fargate table first';
  if (cpu <= 1024) return fargateMemoryOptions(cpu).join(', ') + ' MiB';
  return `${row.minMemory} to ${row.maxMemory} MiB in steps of ${row.step}`;
}

export const FARGATE_CPU_VALUES: readonly number[] = FARGATE_TASK_SIZES.map((r) => r.cpu);
