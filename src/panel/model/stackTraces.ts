/**
 * Stack-trace detection: whether a line continues the group of the previous line of the same source (pod and
 * container: sources interleave, so the caller keeps one mode per source). Java/Kotlin/Scala, Python, Go,
 * Node.js and .NET traces.
 *
 * The rule: a frame line (a shape only traces have: `\tat a.B.c(B.java:1)`, `    at f (/x.js:1:2)`,
 * `  File "x.py", line 3, in f`, `\t/x/y.go:12 +0x1d`, `... 12 more`, `--- End of ... ---`, ` ---> Inner: x`) joins the previous
 * line of its source, whatever that line is: the line before the first frame is the group's head (the exception
 * line, or the log line that reported it). Looser shapes (`Caused by: `, indented Python source, the closing
 * `ValueError: msg`, blank lines, Go function lines) join only a group already inside a trace, that is one with
 * a frame or started by a trace heading (`Traceback (most recent call last):`, `panic: `, `goroutine 1 [..]:`).
 * So "  at the door" in prose never joins anything: it is not a frame shape, and it only follows prose.
 *
 * Work per line is bounded: hand-written prefix and suffix checks, no regular expressions, and a line longer than
 * MAX_TRACE_LINE is never a continuation (no frame is that long; the panel does not cut lines, so the checks must).
 */

/** Lines longer than this are never continuations (frames are a few hundred characters at most). */
export const MAX_TRACE_LINE = 2000;

/** Modes of a source's current group. */
export const TRACE_NONE = 0;
/** Java/Kotlin/Scala, Node.js or .NET frames seen */
export const TRACE_FRAMES = 1;
/** inside a Python traceback, before its closing exception line */
export const TRACE_PYTHON = 2;
/** after a Python traceback's closing line: only blank lines and chaining sentences join */
export const TRACE_PYTHON_DONE = 3;
/** after "During handling of the above exception…": the next "Traceback" joins */
export const TRACE_PYTHON_CHAIN = 4;
/** a Go panic or goroutine dump */
export const TRACE_GO = 5;

/** Set in step()'s answer when the line joins the previous line's group. */
export const JOINS = 16;
const MODE_MASK = 15;

export const PYTHON_TRACEBACK = 'Traceback (most recent call last):';
const PYTHON_CHAINS = [
  'During handling of the above exception, another exception occurred:',
  'The above exception was the direct cause of the following exception:',
];

/** First characters of the lines that can join or start a trace outside one: blanks, `...`, `---`, headings. */
const MAY_MATTER: boolean[] = [];
for (const c of ' \t.-Tpfg') {
  MAY_MATTER[c.charCodeAt(0)] = true;
}

function indent(text: string): number {
  let i = 0;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) {
    i++;
  }
  return i;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The index after a run of digits from `i` (i itself when there are none). */
function digitsEnd(text: string, i: number): number {
  while (i < text.length && isDigit(text.charCodeAt(i))) {
    i++;
  }
  return i;
}

/** text[from, end) ends with `:<digits>:<digits>` (a Node.js location). */
function endsWithLineCol(text: string, end: number, from: number): boolean {
  let i = end;
  for (let part = 0; part < 2; part++) {
    const stop = i;
    while (i > from && isDigit(text.charCodeAt(i - 1))) {
      i--;
    }
    if (i === stop || i <= from || text.charCodeAt(i - 1) !== 58 /* : */) {
      return false;
    }
    i--;
  }
  return true;
}

/** `at …` frames of Java/Kotlin/Scala, Node.js and .NET, after `ws` characters of indentation. */
function isAtFrame(text: string, ws: number): boolean {
  if (ws === 0 || !text.startsWith('at ', ws)) {
    return false;
  }
  let p = ws + 3;
  if (text.startsWith('async ', p)) {
    p += 6;
  } else if (text.startsWith('new ', p)) {
    p += 4;
  }
  const space = text.indexOf(' ', p);
  const tokenEnd = space === -1 ? text.length : space;
  const paren = text.indexOf('(', p);
  const end = text.length;
  if (paren > p && paren < tokenEnd) {
    // Java `a.B.c(B.java:12)` / .NET `Ns.C.M(String s) in /x.cs:line 12`: a qualified name before the parenthesis
    const dot = text.indexOf('.', p);
    const qualified = (dot > p && dot < paren) || text.charCodeAt(p) === 60; /* < */
    if (!qualified) {
      return false;
    }
    const close = text.indexOf(')', paren);
    if (close === -1) {
      return false;
    }
    if (close === end - 1) {
      return true;
    }
    // logback's packaging data: `(Y.java:12) ~[app.jar:1.0]`
    if ((text.startsWith(' ~[', close + 1) || text.startsWith(' [', close + 1)) && text.endsWith(']')) {
      return true;
    }
    const at = text.lastIndexOf(':line ');
    return at > close && digitsEnd(text, at + 6) === end && end > at + 6;
  }
  if (space !== -1 && text.charCodeAt(space + 1) === 40 /* ( */ && text.charCodeAt(end - 1) === 41) {
    // Node.js `fn (/app/x.js:1:2)`, `Array.map (<anonymous>)`, `Promise.all (index 0)`
    const inner = text.slice(space + 2, end - 1);
    return (
      endsWithLineCol(text, end - 1, space + 2) ||
      inner === '<anonymous>' ||
      inner === 'native' ||
      inner.startsWith('index ')
    );
  }
  // Node.js `at /app/x.js:1:2`
  return space === -1 && endsWithLineCol(text, end, p);
}

/** Java's `... 12 more` and logback's `... 3 common frames omitted`. */
function isMoreFrames(text: string, ws: number): boolean {
  if (!text.startsWith('... ', ws)) {
    return false;
  }
  const d = digitsEnd(text, ws + 4);
  if (d === ws + 4) {
    return false;
  }
  const rest = text.slice(d);
  return rest === ' more' || rest === ' common frames omitted';
}

/** Python's `  File "x.py", line 3, in f`. */
function isPythonFrame(text: string, ws: number): boolean {
  if (ws === 0 || !text.startsWith('File "', ws)) {
    return false;
  }
  const at = text.indexOf('", line ', ws + 6);
  return at !== -1 && isDigit(text.charCodeAt(at + 8));
}

/** Go's `\t/path/file.go:12 +0x1d` (the file line under each function line). */
function isGoFileLine(text: string): boolean {
  if (text.charCodeAt(0) !== 9) {
    return false;
  }
  const at = text.indexOf('.go:', 1);
  if (at === -1) {
    return false;
  }
  const d = digitsEnd(text, at + 4);
  return d > at + 4 && (d === text.length || text.startsWith(' +0x', d));
}

/** .NET's `--- End of inner exception stack trace ---` and `--- End of stack trace from previous location ---`. */
function isDotnetMarker(text: string, ws: number): boolean {
  return text.startsWith('--- End of ', ws) && text.endsWith('---');
}

/** A Go function line: `main.main()`, `net/http.(*conn).serve(0xc000…)`, `panic({0x4a, 0x5})`. */
function isGoFunction(text: string): boolean {
  const paren = text.indexOf('(');
  if (paren <= 0 || text.charCodeAt(text.length - 1) !== 41) {
    return false;
  }
  const space = text.indexOf(' ');
  return space === -1 || space > paren;
}

function isGoroutine(text: string): boolean {
  return text.startsWith('goroutine ') && isDigit(text.charCodeAt(10));
}

/** Lines that start a trace on their own: a Python traceback, a Go panic, a goroutine dump. */
function headingMode(text: string): number {
  if (text === PYTHON_TRACEBACK) {
    return TRACE_PYTHON;
  }
  if (text.startsWith('panic: ') || text.startsWith('fatal error: ') || isGoroutine(text)) {
    return TRACE_GO;
  }
  return TRACE_NONE;
}

/**
 * Looks at one line given the mode of its source's current group: the line's mode, with JOINS set when it
 * continues that group (otherwise it heads a new group). The caller ignores JOINS for a source's first line.
 */
export function traceStep(mode: number, text: string): number {
  if (text.length > MAX_TRACE_LINE) {
    return TRACE_NONE;
  }
  if (mode === TRACE_NONE && !MAY_MATTER[text.charCodeAt(0)]) {
    // most lines: outside a trace, and no frame or heading starts with this character
    return TRACE_NONE;
  }
  const ws = indent(text);
  const blank = ws === text.length;
  switch (mode) {
    case TRACE_PYTHON:
      if (blank) {
        break;
      }
      // indented: frames, source lines, carets (`    ^^^^`), exception-group borders (`  | `, `  +-+---`)
      // col 0: the exception line that closes the traceback
      return JOINS | (ws > 0 ? TRACE_PYTHON : TRACE_PYTHON_DONE);
    case TRACE_PYTHON_DONE:
      if (blank) {
        return JOINS | TRACE_PYTHON_DONE;
      }
      if (PYTHON_CHAINS.includes(text)) {
        return JOINS | TRACE_PYTHON_CHAIN;
      }
      break;
    case TRACE_PYTHON_CHAIN:
      if (blank) {
        return JOINS | TRACE_PYTHON_CHAIN;
      }
      if (text === PYTHON_TRACEBACK) {
        return JOINS | TRACE_PYTHON;
      }
      break;
    case TRACE_GO:
      if (
        blank ||
        ws > 0 ||
        isGoroutine(text) ||
        text.startsWith('created by ') ||
        text.startsWith('[signal ') ||
        isGoFunction(text)
      ) {
        return JOINS | TRACE_GO;
      }
      break;
    case TRACE_FRAMES:
      if (text.startsWith('Caused by: ', ws) || text.startsWith('Suppressed: ', ws)) {
        return JOINS | TRACE_FRAMES;
      }
      break;
  }
  if (blank) {
    return TRACE_NONE;
  }
  // .NET's inner exception (` ---> System.X: msg`) comes straight after the outer one, before any frame
  const inner = ws > 0 && text.startsWith('---> ', ws);
  if (inner || isAtFrame(text, ws) || isMoreFrames(text, ws) || isDotnetMarker(text, ws)) {
    return JOINS | TRACE_FRAMES;
  }
  if (isPythonFrame(text, ws)) {
    return JOINS | TRACE_PYTHON;
  }
  if (isGoFileLine(text)) {
    return JOINS | TRACE_GO;
  }
  return headingMode(text);
}

export function joins(step: number): boolean {
  return (step & JOINS) !== 0;
}

export function modeOf(step: number): number {
  return step & MODE_MASK;
}

/**
 * An exception's first line that directly follows the error it explains (`logger.exception`, logback's ERROR
 * line then `java.lang.IllegalStateException: boom`): the Python traceback heading, or a qualified class name
 * ending in Exception/Error/Throwable, then `:` or the end. It joins an error line that is a group of its own.
 */
export function startsException(text: string): boolean {
  if (text === PYTHON_TRACEBACK) {
    return true;
  }
  if (text.length > MAX_TRACE_LINE) {
    return false;
  }
  const colon = text.indexOf(':');
  const name = colon === -1 ? text : text.slice(0, colon);
  if (name.length === 0 || name.indexOf(' ') !== -1 || name.indexOf('.') === -1) {
    return false;
  }
  return name.endsWith('Exception') || name.endsWith('Error') || name.endsWith('Throwable');
}
