import { fargateMemoryOptions, isFargateSize } from '../src/fargate-size';

describe('Fargate task sizes', () => {
  it.each([
    [256, [512, 1024, 2048]],
    [512, [1024, 2048, 3072, 4096]],
    [1024, [2048, 3072, 4096, 5120, 6144, 7168, 8192]],
  ])('cpu %i allows exactly %j', (cpu, memory) => {
    expect(fargateMemoryOptions(cpu)).toEqual(memory);
  });

  it.each([
    [2048, 4096, 16384, 13],
    [4096, 8192, 30720, 23],
    [8192, 16384, 61440, 12],
    [16384, 32768, 122880, 12],
  ])('cpu %i allows %i..%i MiB (%i values)', (cpu, min, max, count) => {
    const options = fargateMemoryOptions(cpu);
    expect(options[0]).toBe(min);
    expect(options[options.length - 1]).toBe(max);
    expect(options).toHaveLength(count);
  });

  it.each([
    [256, 512, true],
    [256, 1536, false],
    [256, 4096, false],
    [512, 512, false],
    [1024, 9216, false],
    [2048, 5120, true],
    [4096, 31744, false],
    [8192, 20480, true],
    [8192, 18432, false],
    [16384, 40960, true],
    [16384, 36864, false],
    [3072, 8192, false],
    [32768, 131072, false],
  ])('cpu %i with memory %i: %s', (cpu, memory, ok) => {
    expect(isFargateSize(cpu, memory)).toBe(ok);
  });
});
