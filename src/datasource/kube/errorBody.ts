/**
 * Error bodies that are not a Kubernetes Status, reduced to one line. The API server never sends HTML: a page
 * comes from a load balancer, an ingress or an SSO proxy in front of it, and quoting it raw fills the panel
 * with markup. Regular expressions over a bounded prefix are enough here: this runs on error bodies only.
 */

/** Bodies longer than this are summarised even when they are plain text. */
export const MAX_QUOTED_BODY = 2048;
/** The longest line quoted from a body. */
export const MAX_QUOTED_LINE = 200;
// pages put what matters first; this bounds the regex work on a huge body
const SCAN_LIMIT = 64 * 1024;

export interface BodySummary {
  /** an HTML page rather than text */
  html: boolean;
  /** the page's <title>, else its first <h1>, e.g. "502 Bad Gateway" */
  heading?: string;
  /** who answered: the Server header, else the page's signature line (nginx, awselb/2.0) */
  server?: string;
  /** the first line that says more than the heading and the signature, cut at MAX_QUOTED_LINE */
  line?: string;
}

/** Reason phrases for when the response has none (HTTP/2 sends no status text). */
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** "502 Bad Gateway": the code with the response's status text, or the standard phrase. */
export function statusLine(status: number, statusText?: string): string {
  const text = statusText?.trim() || REASONS[status];
  return text ? `${status} ${text}` : String(status);
}

const HTML_START =
  /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<title[\s>]|<h1[\s>]|<center[\s>]|<div[\s>]|<p[\s>]|<!--)/i;

export function looksLikeHtml(text: string): boolean {
  return HTML_START.test(text.slice(0, 512));
}

/** Whether a non-Status body must be summarised rather than quoted. */
export function needsSummary(text: string): boolean {
  return text.length > MAX_QUOTED_BODY || looksLikeHtml(text);
}

/** White space collapsed, cut at `max` characters with an ellipsis. */
export function cutLine(text: string, max = MAX_QUOTED_LINE): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[name.toLowerCase()] ?? m;
  });
}

/** The text of an HTML fragment, one line per block element (line breaks in the source are only spaces). */
function textLines(html: string): string[] {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|head|noscript|svg|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/\s+/g, ' ')
    .replace(
      /<\/?(br|hr|p|div|h[1-6]|li|tr|table|center|section|header|footer|main|address|pre|title|body|ul|ol)\b[^>]*>/gi,
      '\n'
    )
    .replace(/<[^>]*>/g, ' ');
  return decodeEntities(text)
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '');
}

function firstText(html: string, pattern: RegExp): string | undefined {
  const m = pattern.exec(html);
  const text = m ? cutLine(decodeEntities(m[1].replace(/<[^>]*>/g, ' '))) : '';
  return text || undefined;
}

/** The signature servers print under their error pages: nginx's `<hr><center>nginx</center>`, Apache's <address>. */
function signature(html: string): string | undefined {
  const address = firstText(html, /<address[^>]*>([\s\S]*?)<\/address>/i);
  if (address) {
    return address;
  }
  const hr = html.toLowerCase().lastIndexOf('<hr');
  if (hr < 0) {
    return undefined;
  }
  const after = textLines(html.slice(hr))[0];
  return after && after.length <= 60 ? after : undefined;
}

/** What the caller knows of the response, to tell what a page only repeats. */
export interface ResponseHints {
  /** the Server header */
  server?: string;
  status?: number;
  statusText?: string;
}

/** Text compared without case, spaces or punctuation: "504 Gateway Time-out" repeats "504 Gateway Timeout". */
export function bareText(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** One line of what a body says, leaving out what only repeats the heading, the signature or the status. */
export function summarizeBody(raw: string, hints: ResponseHints = {}): BodySummary {
  const text = raw.slice(0, SCAN_LIMIT);
  const server = hints.server || undefined;
  if (!looksLikeHtml(text)) {
    const first = text.split('\n').find((l) => l.trim() !== '');
    return { html: false, server, line: first ? cutLine(first) : undefined };
  }
  const heading = firstText(text, /<title[^>]*>([\s\S]*?)<\/title>/i) ?? firstText(text, /<h1[^>]*>([\s\S]*?)<\/h1>/i);
  const sig = signature(text);
  const known = new Set([heading, sig].filter((s): s is string => !!s).map(bareText));
  if (hints.status !== undefined) {
    const line = statusLine(hints.status, hints.statusText);
    known.add(bareText(line)).add(bareText(line.slice(String(hints.status).length)));
  }
  const line = textLines(text).find((l) => !known.has(bareText(l)));
  return { html: true, heading, server: server ?? sig, line: line ? cutLine(line) : undefined };
}
