/**
 * Characters that would change how other text reads instead of being read: C0/C1 controls (NUL, BEL, CR, ...),
 * the bidirectional overrides, embeddings, isolates and marks (U+202E turns "gpj.exe" into "exe.jpg"), and
 * characters that take no room: zero-width space U+200B, word joiner and invisible operators U+2060-U+2064, the
 * byte-order mark U+FEFF, soft hyphen U+00AD, Mongolian vowel separator U+180E, line/paragraph separators
 * U+2028/U+2029, interlinear annotation U+FFF9-U+FFFB, and Unicode tag characters U+E0000-U+E007F (invisible
 * ASCII look-alikes). They are shown as visible escapes such as "⟨U+202E⟩". Tab and newline stay: they are
 * layout, not tricks. Zero-width (non-)joiners U+200C/U+200D stay too: emoji sequences and several scripts
 * need them.
 */
const INERT_SOURCE =
  '[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u00ad\\u061c\\u180e\\u200b\\u200e\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff\\ufff9-\\ufffb]|\\udb40[\\udc00-\\udc7f]';
const INERT = new RegExp(INERT_SOURCE);
const INERT_ALL = new RegExp(INERT_SOURCE, 'g');
/** A CR that only ends a line (CRLF, or a trailing CR from a Windows program) is dropped rather than shown. */
const LINE_END_CR = /\r+(?=\n|$)/g;

export interface InertMark {
  /** what the reader sees, e.g. "⟨U+202E⟩" */
  shown: string;
}

export type InertPiece = string | InertMark;

export function visibleEscape(char: string): string {
  return `⟨U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** Text split into plain strings and marks for the characters above; plain text comes back as one piece. */
export function inertPieces(text: string): InertPiece[] {
  if (!INERT.test(text)) {
    return [text];
  }
  const source = text.replace(LINE_END_CR, '');
  const pieces: InertPiece[] = [];
  let last = 0;
  INERT_ALL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = INERT_ALL.exec(source)) !== null) {
    if (m.index > last) {
      pieces.push(source.slice(last, m.index));
    }
    pieces.push({ shown: visibleEscape(m[0]) });
    last = m.index + m[0].length;
  }
  if (last < source.length) {
    pieces.push(source.slice(last));
  }
  return pieces;
}

/** The same transformation as one string, for copied and downloaded lines. */
export function inertString(text: string): string {
  if (!INERT.test(text)) {
    return text;
  }
  return text.replace(LINE_END_CR, '').replace(INERT_ALL, visibleEscape);
}
