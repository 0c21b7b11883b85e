import { InvalidSettingsError, isIntegerBetween, SettingsCheck } from '../src';

describe('SettingsCheck', () => {
  it('reports every problem together with setting, value and what is allowed', () => {
    const check = new SettingsCheck('AuroraPostgres "db"');
    check.require(isIntegerBetween(7, 30, 35), {
      setting: 'backupRetentionDays',
      value: 7,
      allowed: 'a whole number from 30 to 35',
      reason: 'HIPAA baseline',
    });
    check.require(false, { setting: 'engineVersion', value: undefined, allowed: 'e.g. "16.4"' });
    let error: unknown;
    try {
      check.throwIfAny();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidSettingsError);
    const message = (error as Error).message;
    expect(message).toBe(
      [
        'Invalid settings for AuroraPostgres "db" (2):',
        '  - backupRetentionDays: got 7; allowed: a whole number from 30 to 35 (HIPAA baseline)',
        '  - engineVersion: got nothing (missing); allowed: e.g. "16.4"',
      ].join('\n'),
    );
    expect((error as InvalidSettingsError).problems.map((p) => p.setting)).toEqual([
      'backupRetentionDays',
      'engineVersion',
    ]);
  });

  it('does not throw when every requirement holds', () => {
    const check = new SettingsCheck('x');
    check.require(isIntegerBetween(30, 30, 35), { setting: 'a', value: 30, allowed: '30-35' });
    expect(() => check.throwIfAny()).not.toThrow();
    expect(check.count).toBe(0);
  });

  it.each([
    [29.5, false],
    [30, true],
    [36, false],
    ['30', false],
  ])('isIntegerBetween(%p, 30, 35) is %p', (value, expected) => {
    expect(isIntegerBetween(value, 30, 35)).toBe(expected);
  });
});
