import { finalSnapshotIdentifier, isValidResourceIdentifier } from '../src';

describe('isValidResourceIdentifier', () => {
  it.each([
    ['db-prod', 63, true],
    ['a', 63, true],
    ['1db', 63, false],
    ['db--prod', 63, false],
    ['db-prod-', 63, false],
    ['db_prod', 63, false],
    ['', 63, false],
    ['a'.repeat(63), 63, true],
    ['a'.repeat(64), 63, false],
  ])('%s (max %s): %s', (id, max, expected) => {
    expect(isValidResourceIdentifier(id, max)).toBe(expected);
  });
});

describe('finalSnapshotIdentifier', () => {
  it('joins the cluster id, "final" and the random suffix', () => {
    expect(finalSnapshotIdentifier('db-prod', '1a2B3c4d')).toBe('db-prod-final-1a2b3c4d');
  });

  it('stays valid for the longest cluster identifier', () => {
    const id = finalSnapshotIdentifier('a'.repeat(60), 'ffffffff');
    expect(id).toHaveLength(75);
    expect(isValidResourceIdentifier(id, 255)).toBe(true);
  });

  it('refuses an empty suffix', () => {
    expect(() => finalSnapshotIdentifier('db', '--')).toThrow(
      'Cannot build a final snapshot identifier from "db" and "--": 1 to 255 letters, digits ' +
        'or hyphens, starting with a letter, without "--" or a trailing hyphen',
    );
  });
});
