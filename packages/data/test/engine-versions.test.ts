import {
  auroraPostgresFamily,
  cacheFamily,
  knownCacheFamilies,
  parseEngineVersion,
  supportsScaleToZero,
} from '../src';

describe('Aurora PostgreSQL versions', () => {
  it.each([
    ['16.4', 'aurora-postgresql16'],
    ['13.15', 'aurora-postgresql13'],
    ['17.5', 'aurora-postgresql17'],
    ['18.1', 'aurora-postgresql18'],
    ['12.22', undefined],
    ['16', undefined],
    ['16.4.1', undefined],
    ['v16.4', undefined],
  ])('%s belongs to family %s', (version, family) => {
    expect(auroraPostgresFamily(version)).toBe(family);
  });

  it('parses major and minor', () => {
    expect(parseEngineVersion('15.10')).toEqual({ major: 15, minor: 10 });
  });

  it.each([
    ['16.3', true],
    ['16.2', false],
    ['15.7', true],
    ['15.6', false],
    ['14.12', true],
    ['13.14', false],
    ['17.4', true],
  ])('scale to zero on %s: %s', (version, expected) => {
    expect(supportsScaleToZero(version)).toBe(expected);
  });
});

describe('ElastiCache versions', () => {
  it.each([
    ['valkey', '8.0', 'valkey8'],
    ['valkey', '8.1', 'valkey8'],
    ['valkey', '7.2', 'valkey7'],
    ['redis', '7.1', 'redis7'],
    ['redis', '7.0', 'redis7'],
    ['redis', '6.2', undefined],
    ['redis', '8.0', undefined],
    ['valkey', '8', undefined],
  ] as const)('%s %s belongs to family %s', (engine, version, family) => {
    expect(cacheFamily(engine, version)).toBe(family);
  });

  it('lists the families of an engine', () => {
    expect(knownCacheFamilies('valkey')).toEqual(['valkey7', 'valkey8']);
    expect(knownCacheFamilies('redis')).toEqual(['redis7']);
  });
});
