import { randomInt } from 'node:crypto';
import {
  alphabetOf,
  minimumLengthFor,
  PasswordInputs,
  passwordInputs,
  SECRET_PRESETS,
  secretSettingsProblems,
  secretValueProblem,
} from '../src';

const RDS = SECRET_PRESETS['rds-master-password'];
const ELASTICACHE = SECRET_PRESETS['elasticache-auth-token'];

/**
 * A model of how the random provider fills a RandomPassword: the `min*` characters of each
 * class first, the rest from the union, then shuffled. Used to draw many values offline.
 */
function draw(inputs: PasswordInputs): string {
  const classes = [
    { on: inputs.upper, chars: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', min: inputs.minUpper },
    { on: inputs.lower, chars: 'abcdefghijklmnopqrstuvwxyz', min: inputs.minLower },
    { on: inputs.numeric, chars: '0123456789', min: inputs.minNumeric },
    { on: inputs.special, chars: inputs.overrideSpecial, min: inputs.minSpecial },
  ].filter((c) => c.on);
  const union = classes.map((c) => c.chars).join('');
  const out: string[] = [];
  for (const c of classes)
    for (let i = 0; i < c.min; i++) out.push(c.chars[randomInt(c.chars.length)]!);
  while (out.length < inputs.length) out.push(union[randomInt(union.length)]!);
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out.join('');
}

describe('SECRET_PRESETS', () => {
  it('RDS: 8..41 printable ASCII without / @ " \' or space', () => {
    expect([RDS.minLength, RDS.maxLength, RDS.defaultLength]).toEqual([8, 41, 41]);
    expect(RDS.allowedCharacters).toHaveLength(90);
    for (const refused of ['/', '@', '"', "'", ' ', '\t', 'é']) {
      expect(RDS.allowedCharacters).not.toContain(refused);
    }
    for (const accepted of ['!', '#', '$', '%', '&', '*', ':', '\\', '`', '~', 'A', 'z', '0']) {
      expect(RDS.allowedCharacters).toContain(accepted);
    }
    expect(RDS.defaultAlphabet).toBe(
      '!*+,-.0123456789=ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~',
    );
  });

  it('ElastiCache: 16..128 of letters, digits and ! & # $ ^ < > - only', () => {
    expect([ELASTICACHE.minLength, ELASTICACHE.maxLength, ELASTICACHE.defaultLength]).toEqual([
      16, 128, 64,
    ]);
    expect(ELASTICACHE.allowedCharacters.replace(/[A-Za-z0-9]/g, '')).toBe('!#$&-<>^');
    expect(ELASTICACHE.allowedCharacters).toHaveLength(70);
    expect(ELASTICACHE.defaultAlphabet).toBe(ELASTICACHE.allowedCharacters);
  });
});

describe('passwordInputs', () => {
  it('maps the RDS default alphabet onto whole classes plus its symbols', () => {
    expect(passwordInputs(RDS.defaultAlphabet, 41)).toEqual({
      length: 41,
      upper: true,
      lower: true,
      numeric: true,
      special: true,
      overrideSpecial: '!*+,-.=_~',
      minUpper: 1,
      minLower: 1,
      minNumeric: 1,
      minSpecial: 1,
    });
  });

  it('switches a class off when the alphabet leaves it out', () => {
    const inputs = passwordInputs('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 30);
    expect(inputs).toMatchObject({ upper: true, lower: false, numeric: true, special: false });
    expect(inputs).toMatchObject({ minLower: 0, minSpecial: 0, overrideSpecial: '' });
  });

  it.each([RDS, ELASTICACHE])('round-trips the $name default alphabet', (preset) => {
    expect(alphabetOf(passwordInputs(preset.defaultAlphabet, 32))).toBe(preset.defaultAlphabet);
  });
});

describe.each([
  [RDS, RDS.defaultAlphabet, RDS.defaultLength],
  [RDS, RDS.allowedCharacters, 20],
  [ELASTICACHE, ELASTICACHE.defaultAlphabet, ELASTICACHE.defaultLength],
  [ELASTICACHE, ELASTICACHE.defaultAlphabet, 128],
  [ELASTICACHE, 'abcdefghijklmnopqrstuvwxyz0123456789-', 25],
])('500 draws for %s', (preset, alphabet, length) => {
  it(`stay within ${preset.name} rules (alphabet of ${alphabet.length}, length ${length})`, () => {
    expect(secretSettingsProblems(preset, length, alphabet)).toEqual([]);
    const inputs = passwordInputs(alphabet, length);
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const value = draw(inputs);
      expect(secretValueProblem(preset, value)).toBeUndefined();
      expect([...value].every((c) => alphabet.includes(c))).toBe(true);
      seen.add(value);
    }
    expect(seen.size).toBe(500);
  });
});

describe('secretValueProblem', () => {
  it.each([
    [RDS, 'abcdefgh', undefined],
    [RDS, 'abcdefg', 'length 7 is outside 8..41'],
    [RDS, 'a'.repeat(42), 'length 42 is outside 8..41'],
    [RDS, 'abcd/efgh', 'contains "/"'],
    [RDS, 'abcd efgh', 'contains " "'],
    [ELASTICACHE, 'a'.repeat(16), undefined],
    [ELASTICACHE, `${'a'.repeat(15)}%`, 'contains "%"'],
    [ELASTICACHE, `${'a'.repeat(15)}@`, 'contains "@"'],
  ])('%#: %s value %p -> %p', (preset, value, expected) => {
    expect(secretValueProblem(preset, value)).toBe(expected);
  });
});

describe('secretSettingsProblems', () => {
  it('refuses a length outside the service limits, naming the limits', () => {
    expect(secretSettingsProblems(RDS, 42, RDS.defaultAlphabet)).toEqual([
      {
        setting: 'length',
        value: 42,
        allowed: 'a whole number from 8 to 41',
        reason: 'RDS master password limits',
      },
    ]);
    expect(secretSettingsProblems(ELASTICACHE, 12.5, ELASTICACHE.defaultAlphabet)[0]).toMatchObject(
      { setting: 'length', value: 12.5, allowed: 'a whole number from 16 to 128' },
    );
  });

  it('refuses characters the service rejects, listing them', () => {
    const alphabet = `${ELASTICACHE.defaultAlphabet}%@`;
    expect(secretSettingsProblems(ELASTICACHE, 64, alphabet)).toEqual([
      {
        setting: 'alphabet',
        value: alphabet,
        allowed: 'letters, digits and only these symbols: ! & # $ ^ < > -',
        reason: 'ElastiCache AUTH token refuses "%@"',
      },
    ]);
    expect(secretSettingsProblems(RDS, 41, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ/"')[0]).toMatchObject({
      setting: 'alphabet',
      reason: 'RDS master password refuses "/\\""',
    });
  });

  it('refuses an alphabet with part of a class, which the generator cannot honour', () => {
    expect(secretSettingsProblems(RDS, 41, 'abcdef0123456789')[0]).toMatchObject({
      setting: 'alphabet',
      reason: 'the generator draws whole classes; partial: "abcdefghijklmnopqrstuvwxyz"',
    });
  });

  it('refuses a length too short for 128 bits with that alphabet', () => {
    expect(minimumLengthFor(70)).toBe(21);
    expect(minimumLengthFor(10)).toBe(39);
    expect(secretSettingsProblems(ELASTICACHE, 16, ELASTICACHE.defaultAlphabet)).toEqual([
      {
        setting: 'length',
        value: 16,
        allowed: 'at least 21 with an alphabet of 70 characters',
        reason: 'every generated credential carries at least 128 bits',
      },
    ]);
    expect(secretSettingsProblems(RDS, 38, '0123456789')[0]).toMatchObject({
      setting: 'length',
      allowed: 'at least 39 with an alphabet of 10 characters',
    });
  });

  it('refuses an empty or non-string alphabet', () => {
    expect(secretSettingsProblems(RDS, 41, '')[0]).toMatchObject({ setting: 'alphabet' });
    expect(secretSettingsProblems(RDS, 41, 42)[0]).toMatchObject({ setting: 'alphabet' });
  });
});
