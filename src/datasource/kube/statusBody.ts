import { BodySummary, needsSummary, ResponseHints, summarizeBody } from './errorBody';

/** The fields of a Kubernetes `Status` (apimachinery metav1.Status) that error decoding reads. */
export interface KubeStatus {
  kind?: string;
  apiVersion?: string;
  metadata?: { continue?: string; resourceVersion?: string };
  status?: string;
  message?: string;
  reason?: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    retryAfterSeconds?: number;
    causes?: Array<{ reason?: string; message?: string; field?: string }>;
  };
  code?: number;
}

/** An error body reduced to what matters: the Status if there is one, else the plain text. */
export interface ErrorBody {
  status?: KubeStatus;
  /**
   * the Status message, or the body's text with surrounding white space removed ('' when empty); for an HTML
   * or oversized body, its one-line summary instead
   */
  text: string;
  /** set when the body was an HTML page or too long to quote: what it said, in short */
  page?: BodySummary;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStatus(value: unknown): value is KubeStatus {
  return (
    isRecord(value) && (value.kind === 'Status' || (typeof value.reason === 'string' && typeof value.code === 'number'))
  );
}

function plain(text: string, hints: ResponseHints): ErrorBody {
  if (!needsSummary(text)) {
    return { text };
  }
  const page = summarizeBody(text, hints);
  return { text: page.line ?? page.heading ?? '', page };
}

function fromString(raw: string, hints: ResponseHints): ErrorBody {
  const text = raw.trim();
  if (text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (isStatus(parsed)) {
        return { status: parsed, text: parsed.message ?? '' };
      }
      if (isRecord(parsed) && typeof parsed.message === 'string') {
        return plain(parsed.message.trim(), hints);
      }
    } catch {
      // not JSON after all: keep the text as it is
    }
  }
  return plain(text, hints);
}

/**
 * Reads an error body in any of the shapes it reaches the browser in: a parsed Status, Status JSON text,
 * plain text (`404 page not found`, kubelet `Forbidden (...)`), or the object Grafana's backendSrv makes of a
 * text body (`{message, error: statusText, response: text}`), or Grafana's own `{message}`. An HTML page or an
 * oversized text is summarised (errorBody.ts), with what is known of the response.
 */
export function readErrorBody(body: unknown, hints: ResponseHints = {}): ErrorBody {
  if (body === undefined || body === null) {
    return { text: '' };
  }
  if (typeof body === 'string') {
    return fromString(body, hints);
  }
  if (isStatus(body)) {
    return { status: body, text: body.message ?? '' };
  }
  if (isRecord(body)) {
    // backendSrv keeps the raw text in `response`; prefer it, it may be Status JSON
    if (typeof body.response === 'string') {
      return fromString(body.response, hints);
    }
    if (typeof body.message === 'string') {
      return fromString(body.message, hints);
    }
    if (typeof body.error === 'string') {
      return fromString(body.error, hints);
    }
  }
  return { text: '' };
}
