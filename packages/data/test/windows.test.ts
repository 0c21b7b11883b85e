import { dailyWindowMinutes, weeklyWindowInterval, windowsOverlap } from '../src';

describe('dailyWindowMinutes', () => {
  it.each([
    ['03:00-04:00', 60],
    ['23:30-00:30', 60],
    ['00:00-00:30', 30],
    ['3:00-04:00', undefined],
    ['03:00-03:00', undefined],
    ['24:00-01:00', undefined],
    ['03:00', undefined],
    ['03:00-04:00-05:00', undefined],
  ])('%s covers %s minutes', (window, minutes) => {
    expect(dailyWindowMinutes(window)).toBe(minutes);
  });
});

describe('weeklyWindowInterval', () => {
  it.each([
    ['sun:05:00-sun:06:00', { start: 300, end: 360 }],
    ['Mon:00:00-mon:00:30', { start: 1440, end: 1470 }],
    ['sat:23:30-sun:00:30', { start: 6 * 1440 + 1410, end: 7 * 1440 + 30 }],
    ['sun:05:00', undefined],
    ['xyz:05:00-sun:06:00', undefined],
    ['sun:25:00-sun:26:00', undefined],
  ])('%s', (window, interval) => {
    expect(weeklyWindowInterval(window)).toEqual(interval);
  });
});

describe('windowsOverlap', () => {
  it.each([
    ['03:00-04:00', 'sun:05:00-sun:06:00', false],
    ['03:00-04:00', 'sun:04:00-sun:05:00', false],
    ['03:00-04:00', 'wed:03:30-wed:04:30', true],
    ['23:30-00:30', 'sun:00:00-sun:00:45', true],
    // The weekly window wraps past Saturday night into the daily window on Sunday.
    ['00:15-01:15', 'sat:23:30-sun:00:30', true],
    ['01:00-02:00', 'sat:23:30-sun:00:30', false],
    ['22:00-23:00', 'mon:21:00-mon:22:00', false],
  ])('%s and %s overlap: %s', (daily, weekly, expected) => {
    expect(windowsOverlap(daily, weekly)).toBe(expected);
  });
});
