import type { GrafanaTheme2 } from '@grafana/data';

/**
 * FNV-1a over UTF-16 code units: the same label value gets the same number in every browser and every
 * session, so a pod keeps its colour across reloads and panels.
 */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A colour for a label value (a pod, a container) from the theme's visualization palette. */
export function labelColor(theme: GrafanaTheme2, value: string): string {
  const palette = theme.visualization.palette;
  return theme.visualization.getColorByName(palette[stableHash(value) % palette.length]);
}
