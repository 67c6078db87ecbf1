import { DEFAULT_POD_LOGS_OPTIONS, withDefaults } from '../options';

describe('liveTailSeconds option', () => {
  it('defaults to a few seconds for dashboards saved before the option existed', () => {
    expect(withDefaults({}).liveTailSeconds).toBe(5);
    expect(DEFAULT_POD_LOGS_OPTIONS.liveTailSeconds).toBe(5);
  });

  it('reads 0 or less as off, and keeps other values between a second and an hour', () => {
    expect(withDefaults({ liveTailSeconds: 0 }).liveTailSeconds).toBe(0);
    expect(withDefaults({ liveTailSeconds: -3 }).liveTailSeconds).toBe(0);
    expect(withDefaults({ liveTailSeconds: 0.2 }).liveTailSeconds).toBe(1);
    expect(withDefaults({ liveTailSeconds: 30 }).liveTailSeconds).toBe(30);
    expect(withDefaults({ liveTailSeconds: 86_400 }).liveTailSeconds).toBe(3600);
  });

  it('falls back to the default for a value that is not a number', () => {
    expect(withDefaults({ liveTailSeconds: 'soon' as unknown as number }).liveTailSeconds).toBe(5);
  });
});
