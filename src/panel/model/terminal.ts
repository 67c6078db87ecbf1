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

/** More parameters than any real SGR sequence has (xterm reads at most 32); longer ones are dropped whole. */
export const MAX_SGR_PARAMS = 32;
/** SGR sequences styled per line; later ones are dropped (their text stays, unstyled). */
export const MAX_STYLED_RUNS = 256;
/** The longest parameter string MAX_SGR_PARAMS parameters can need (`38;2;255;255;255` is 16 characters). */
const MAX_SGR_CHARS = MAX_SGR_PARAMS * 8;

export interface CutLine {
  /** the styled runs of the first `visible` characters; their texts join to that prefix of stripTerminal(raw) */
  runs: StyledText[];
  /** characters of stripTerminal(raw) in the runs */
  visible: number;
}

/**
 * Keeps, in one pass that stops as soon as `maxVisible` characters are in, what the SGR parser may see: text,
 * lone ESCs as their symbol, and well-formed SGR with at most MAX_SGR_PARAMS parameters, at most
 * MAX_STYLED_RUNS of them. Everything else is dropped, so the parser's work is bounded whatever the line.
 */
function boundedSgr(raw: string, maxVisible: number): { sgr: string; visible: number } {
  const parts: string[] = [];
  let visible = 0;
  let kept = 0;
  let last = 0;
  const re = new RegExp(ESCAPE.source, 'g');
  const takeText = (text: string): boolean => {
    const room = maxVisible - visible;
    if (text.length >= room) {
      parts.push(text.slice(0, room));
      visible = maxVisible;
      return false;
    }
    parts.push(text);
    visible += text.length;
    return true;
  };
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw)) !== null) {
    if (m.index > last && !takeText(raw.slice(last, m.index))) {
      return { sgr: parts.join(''), visible };
    }
    last = m.index + m[0].length;
    if (m[0].length === 1) {
      if (!takeText(ESC_SYMBOL)) {
        return { sgr: parts.join(''), visible };
      }
      continue;
    }
    const [, params, intermediates, final] = m;
    if (final !== 'm' || intermediates !== '' || params.length > MAX_SGR_CHARS || !SGR_PARAMS.test(params)) {
      continue;
    }
    if (kept >= MAX_STYLED_RUNS) {
      if (kept === MAX_STYLED_RUNS) {
        // the rest of the line is plain text, not the last kept style
        parts.push('\x1b[0m');
        kept++;
      }
    } else if (params === '') {
      // `ESC [ m` means reset, which the parser reads as "no codes"
      parts.push('\x1b[0m');
      kept++;
    } else if (countParams(params, MAX_SGR_PARAMS) <= MAX_SGR_PARAMS) {
      parts.push(m[0]);
      kept++;
    }
  }
  if (last < raw.length) {
    takeText(raw.slice(last));
  }
  return { sgr: parts.join(''), visible };
}

/** Parameters in an SGR parameter string, counted up to just past `limit`. */
function countParams(params: string, limit: number): number {
  let n = 1;
  for (let at = params.indexOf(';'); at !== -1 && n <= limit; at = params.indexOf(';', at + 1)) {
    n++;
  }
  return n;
}

/**
 * The first `maxVisible` characters of a line as styled runs. The concatenated text is that prefix of
 * stripTerminal(raw), so search offsets found in the stripped text apply to the runs. Colours come only from the
 * palettes above or, for 256-colour/RGB codes, are clamped hex values made by the parser. The work is bounded
 * by maxVisible, MAX_SGR_PARAMS and MAX_STYLED_RUNS, not by the line: a 1 MB SGR sequence costs one scan.
 */
export function cutAnsiRuns(raw: string, maxVisible: number, dark = true): CutLine {
  if (raw.indexOf('\x1b') === -1) {
    const text = raw.length > maxVisible ? raw.slice(0, maxVisible) : raw;
    return { runs: [{ text }], visible: text.length };
  }
  const { sgr, visible } = boundedSgr(raw, maxVisible);
  const palette = dark ? PALETTES.dark : PALETTES.light;
  const runs: StyledText[] = [];
  for (const token of createAnsiSequenceParser().parse(sgr)) {
    if (token.value === '') {
      continue;
    }
    const style = styleOf(token, palette);
    runs.push(style ? { text: token.value, style } : { text: token.value });
  }
  return { runs: runs.length > 0 ? runs : [{ text: '' }], visible };
}

/** A whole line as styled runs (tests and short lines); the panel uses cutAnsiRuns. */
export function ansiRuns(raw: string, dark = true): StyledText[] {
  return cutAnsiRuns(raw, Infinity, dark).runs;
}
