/** WCAG 2 relative luminance and contrast ratio of sRGB colours (`#rrggbb` or `rgb()/rgba()` over a background). */

type Rgb = [number, number, number];

/** `#rgb`, `#rrggbb`, `rgb(r, g, b)` or `rgba(r, g, b, a)`; alpha is returned separately. */
export function parseColor(color: string): { rgb: Rgb; alpha: number } | undefined {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1];
    return { rgb: [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb, alpha: 1 };
  }
  const fn = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+))?\s*\)$/i.exec(color.trim());
  if (fn) {
    return { rgb: [Number(fn[1]), Number(fn[2]), Number(fn[3])], alpha: fn[4] === undefined ? 1 : Number(fn[4]) };
  }
  return undefined;
}

function luminance([r, g, b]: Rgb): number {
  const lin = (v: number) => {
    const x = v / 255;
    return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** A colour with alpha laid over an opaque background. */
export function over(fg: string, bg: string): Rgb {
  const f = parseColor(fg);
  const b = parseColor(bg);
  if (!f || !b) {
    throw new Error(`not a colour: ${!f ? fg : bg}`);
  }
  return f.rgb.map((v, i) => v * f.alpha + b.rgb[i] * (1 - f.alpha)) as Rgb;
}

/** The contrast ratio of a text colour on a background, 1..21 (AA for body text is 4.5). */
export function contrastRatio(fg: string, bg: string): number {
  const a = luminance(over(fg, bg));
  const b = luminance(over(bg, '#ffffff'));
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
