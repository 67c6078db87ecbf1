import { createAnsiSequenceParser, createColorPalette, type ColorName, type ParseToken } from 'ansi-sequence-parser';

/**
 * Terminal escape sequences in container output. Only SGR (colours, bold, ...) is kept, and only as styles:
 * OSC (titles, `\x1b]8;;url\x07` hyperlinks), DCS/APC/PM/SOS strings, cursor movement, screen clears and every
 * other sequence are dropped, so nothing in a log line can link, retitle or move anything.
 */

/**
 * One left-to-right pass over every escape (so removing one cannot splice a new one together): CSI
 * (`ESC [ params intermediates final`), string sequences terminated by BEL or ST, any other `ESC x` pair (which
 * also takes the introducer of an unterminated string, leaving its text visible and inert), or a lone ESC.
 */
const ESCAPE = /\x1b(?:\[([0-?]*)([ -/]*)([@-~])|[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)|[ -/]*[0-~]|)/g;
const SGR_PARAMS = /^[\d;]*$/;
/** A lone ESC (one that starts no sequence) is shown as the control-picture symbol. */
export const ESC_SYMBOL = '\u241b';

function dropAll(match: string): string {
  return match.length === 1 ? ESC_SYMBOL : '';
}

function keepSgrOnly(match: string, params?: string, intermediates?: string, final?: string): string {
  if (match.length === 1) {
    return ESC_SYMBOL;
  }
  if (final !== 'm' || intermediates !== '' || !SGR_PARAMS.test(params ?? '')) {
    return '';
  }
  // `ESC [ m` means reset, which the parser reads as "no codes"
  return params === '' ? '\x1b[0m' : match;
}

/** The text a reader sees: every escape sequence removed. Lines without ESC are returned as they are. */
export function stripTerminal(raw: string): string {
  if (raw.indexOf('\x1b') === -1) {
    return raw;
  }
  return raw.replace(ESCAPE, dropAll);
}

export interface AnsiStyle {
  color?: string;
  background?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  overline?: boolean;
  /** swap colours; the view fills in the theme's colours when none are set */
  reverse?: boolean;
}

export interface StyledText {
  text: string;
  /** undefined for unstyled text */
  style?: AnsiStyle;
}

/** Named ANSI colours readable on a dark or a light background; 256-colour and RGB values map through the parser. */
const DARK: Record<ColorName, string> = {
  black: '#6e7079',
  red: '#f2495c',
  green: '#73bf69',
  yellow: '#fade2a',
  blue: '#5794f2',
  magenta: '#b877d9',
  cyan: '#37b5c4',
  white: '#d8d9da',
  brightBlack: '#8e8e8e',
  brightRed: '#ff7383',
  brightGreen: '#96d98d',
  brightYellow: '#ffee52',
  brightBlue: '#8ab8ff',
  brightMagenta: '#ca95e5',
  brightCyan: '#6fd8e6',
  brightWhite: '#ffffff',
};
const LIGHT: Record<ColorName, string> = {
  black: '#24292e',
  red: '#c4162a',
  green: '#37872d',
  yellow: '#9c7a00',
  blue: '#1f60c4',
  magenta: '#8f3bb8',
  cyan: '#0e7c86',
  white: '#6e7079',
  brightBlack: '#464c54',
  brightRed: '#e02f44',
  brightGreen: '#56a64b',
  brightYellow: '#b78800',
  brightBlue: '#3274d9',
  brightMagenta: '#a352cc',
  brightCyan: '#1b99a7',
  brightWhite: '#8e8e8e',
};
const PALETTES = { dark: createColorPalette(DARK), light: createColorPalette(LIGHT) };

function styleOf(token: ParseToken, palette: (typeof PALETTES)['dark']): AnsiStyle | undefined {
  const d = token.decorations;
  // `hidden` is ignored on purpose: a log line must not be able to hide text from its reader.
  if (!token.foreground && !token.background && (d.size === 0 || (d.size === 1 && d.has('hidden')))) {
    return undefined;
  }
  return {
    color: token.foreground ? palette.value(token.foreground) : undefined,
    background: token.background ? palette.value(token.background) : undefined,
    bold: d.has('bold') || undefined,
    dim: d.has('dim') || undefined,
    italic: d.has('italic') || undefined,
    underline: d.has('underline') || undefined,
    strikethrough: d.has('strikethrough') || undefined,
    overline: d.has('overline') || undefined,
    reverse: d.has('reverse') || undefined,
  };
}

/**
 * A line as styled runs of text. The concatenated text equals stripTerminal(raw), so search offsets found in
 * the stripped text apply to the runs. Colours come only from the palettes above or, for 256-colour/RGB
 * codes, are clamped hex values made by the parser.
 */
export function ansiRuns(raw: string, dark = true): StyledText[] {
  if (raw.indexOf('\x1b') === -1) {
    return [{ text: raw }];
  }
  // The parser reads `ESC [ ... m` up to the next `m` anywhere, so it must see well-formed SGR and nothing else.
  const sgrOnly = raw.replace(ESCAPE, keepSgrOnly);
  const palette = dark ? PALETTES.dark : PALETTES.light;
  const runs: StyledText[] = [];
  for (const token of createAnsiSequenceParser().parse(sgrOnly)) {
    const style = styleOf(token, palette);
    runs.push(style ? { text: token.value, style } : { text: token.value });
  }
  return runs;
}
