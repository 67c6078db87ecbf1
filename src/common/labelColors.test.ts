import { createTheme } from '@grafana/data';

import { labelColor, stableHash } from './labelColors';

describe('stableHash', () => {
  it('gives the same number for the same text and different numbers for near misses', () => {
    expect(stableHash('api-7d9f-x1')).toBe(stableHash('api-7d9f-x1'));
    expect(stableHash('api-7d9f-x1')).not.toBe(stableHash('api-7d9f-x2'));
    expect(stableHash('')).toBe(0x811c9dc5);
  });
});

describe('labelColor', () => {
  const theme = createTheme();

  it('picks a colour of the theme palette, the same one every time', () => {
    const palette = theme.visualization.palette.map((name) => theme.visualization.getColorByName(name));
    const color = labelColor(theme, 'default/api-0');
    expect(palette).toContain(color);
    expect(labelColor(theme, 'default/api-0')).toBe(color);
  });

  it('spreads many pods over several colours', () => {
    const colors = new Set(Array.from({ length: 40 }, (_, i) => labelColor(theme, `ns/pod-${i}`)));
    expect(colors.size).toBeGreaterThan(5);
  });
});
