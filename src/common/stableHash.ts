/**
 * FNV-1a over UTF-16 code units: the same label value gets the same number in every browser and every
 * session, so a pod keeps its colour (src/panel/view/palette.ts) across reloads and panels.
 */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
