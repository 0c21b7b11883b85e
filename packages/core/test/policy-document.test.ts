import { asArray, parsePolicyDocument, policyDocument, physicalName, childName } from '../src';

describe('policy documents', () => {
  it('wraps statements with the current policy language version', () => {
    const doc = policyDocument([
      { Sid: 'A', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' },
    ]);
    expect(doc).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'A', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }],
    });
  });

  it('refuses a duplicate Sid', () => {
    const s = { Sid: 'Same', Effect: 'Allow' as const, Action: 'kms:Decrypt' };
    expect(() => policyDocument([s, s])).toThrow('Sid "Same" is used twice');
  });

  it('parses a JSON policy whose Statement is a single object', () => {
    const doc = parsePolicyDocument(
      '{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*"}}',
    );
    expect(doc.Statement).toEqual([{ Effect: 'Deny', Action: '*' }]);
    expect(asArray(doc.Statement[0]?.Action)).toEqual(['*']);
  });
});

describe('names', () => {
  it('derives child names from the component name', () => {
    expect(childName('prod-db', 'cluster')).toBe('prod-db-cluster');
  });

  it.each([
    [['Prod', 'DB', 'final'], 63, 'prod-db-final'],
    [['1st', 'cache'], 40, 'st-cache'],
    [['a'.repeat(50), 'cache'], 40, 'a'.repeat(40)],
    [['phi', 'x--y', ''], 63, 'phi-x-y'],
  ])('physicalName(%p, %p) is %p', (parts, max, expected) => {
    expect(physicalName(parts, max)).toBe(expected);
  });
});
