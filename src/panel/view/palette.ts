import type { GrafanaTheme2 } from '@grafana/data';

import { LOG_LEVELS, type LogLevel } from '../../common/logLevel';
import { stableHash } from '../../common/stableHash';

/**
 * The panel's reading colours. Every one meets WCAG AA (4.5:1) as text on the panel's backgrounds (primary,
 * secondary and canvas) in Grafana's dark and light themes, which the visualization palette does not (its
 * yellow is 1.4:1 on white). Pod colours stay clear of the level colours (more than 40 apart in sRGB), so a pod
 * never looks like a level. Chosen in OKLCH (one lightness per theme, hues between the levels'), adjusted where
 * the light theme brought two too close, and checked by palette.test.ts and, as rendered, by
 * tools/browser-checks/panelHostile.test.ts.
 */
interface ThemeColors {
  levels: Record<LogLevel, string>;
  pods: string[];
  jsonKey: string;
  jsonString: string;
  jsonNumber: string;
  jsonLiteral: string;
}

const DARK: ThemeColors = {
  levels: {
    critical: '#d36dea',
    error: '#ff645f',
    warning: '#d98b09',
    info: '#4db956',
    debug: '#42a3fd',
    trace: '#50afb4',
    unknown: '#9e9e9e',
  },
  // OKLCH hues 48, 100, 122, 172, 225, 282, 348: between the levels' 25, 70, 145, 200, 250, 320
  pods: ['#df8352', '#b1a02e', '#91ab47', '#1fb895', '#12aedb', '#9293ed', '#d97bad'],
  jsonKey: '#60a7d6',
  jsonString: '#63b376',
  jsonNumber: '#d98941',
  jsonLiteral: '#b786db',
};

const LIGHT: ThemeColors = {
  levels: {
    critical: '#a742bd',
    error: '#d22d33',
    warning: '#9a620a',
    info: '#008120',
    debug: '#0871c1',
    trace: '#017b80',
    unknown: '#6f6f6f',
  },
  pods: ['#c0440a', '#684527', '#60760a', '#27685b', '#00398f', '#6662c5', '#b14984'],
  jsonKey: '#2c74a1',
  jsonString: '#2a7d43',
  jsonNumber: '#a55d0c',
  jsonLiteral: '#8a5bab',
};

export function readingColors(theme: GrafanaTheme2): ThemeColors {
  return theme.isDark ? DARK : LIGHT;
}

/** Colour per level index (LOG_LEVELS order). */
export function levelColors(theme: GrafanaTheme2): string[] {
  const { levels } = readingColors(theme);
  return LOG_LEVELS.map((level) => levels[level]);
}

/** A pod's colour, the same in every panel and session (by a hash of `namespace/pod`). */
export function podColor(theme: GrafanaTheme2, key: string): string {
  const { pods } = readingColors(theme);
  return pods[stableHash(key) % pods.length];
}
