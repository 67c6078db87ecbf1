import { createTheme } from '@grafana/data';

import { contrastRatio } from '../../common/contrast';
import { LOG_LEVELS } from '../../common/logLevel';
import { levelColors, podColor, readingColors } from './palette';

/** Distance in sRGB, 0..441: below about 40 two swatches read as the same colour. */
function distance(a: string, b: string): number {
  const rgb = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
  const [x, y] = [rgb(a), rgb(b)];
  return Math.hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);
}

describe.each(['dark', 'light'] as const)('the %s reading palette', (mode) => {
  const theme = createTheme({ colors: { mode } });
  const colors = readingColors(theme);
  const backgrounds = [
    theme.colors.background.primary,
    theme.colors.background.secondary,
    theme.colors.background.canvas,
  ];
  const all: Array<[string, string]> = [
    ...LOG_LEVELS.map((level, i): [string, string] => [`level ${level}`, levelColors(theme)[i]]),
    ...colors.pods.map((c, i): [string, string] => [`pod colour ${i}`, c]),
    ['JSON key', colors.jsonKey],
    ['JSON string', colors.jsonString],
    ['JSON number', colors.jsonNumber],
    ['JSON literal', colors.jsonLiteral],
  ];

  it.each(all)('%s (%s) meets WCAG AA on every panel background', (_name, color) => {
    for (const bg of backgrounds) {
      expect([bg, contrastRatio(color, bg) >= 4.5]).toEqual([bg, true]);
    }
  });

  it('gives pods colours no level has', () => {
    for (const pod of colors.pods) {
      for (const level of Object.values(colors.levels)) {
        expect([pod, level, distance(pod, level) > 40]).toEqual([pod, level, true]);
      }
    }
  });

  it('gives a pod the same colour every time and spreads pods over the palette', () => {
    expect(podColor(theme, 'shop/api-0')).toBe(podColor(theme, 'shop/api-0'));
    const used = new Set(Array.from({ length: 40 }, (_, i) => podColor(theme, `shop/api-${i}`)));
    expect(used.size).toBe(colors.pods.length);
  });
});

describe('contrastRatio', () => {
  it('is 21 for black on white and 1 for a colour on itself, alpha laid over the background', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
    expect(contrastRatio('rgba(0, 0, 0, 0)', 'rgb(255, 255, 255)')).toBe(1);
    expect(contrastRatio('rgb(118, 118, 118)', '#fff')).toBeCloseTo(4.54, 2);
  });
});
