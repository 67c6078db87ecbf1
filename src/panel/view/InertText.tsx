import React, { type ReactNode } from 'react';

import { inertPieces } from '../model/inertText';

/**
 * Log text as React text nodes, with control and bidi characters as visible escapes in their own spans.
 * Text nodes are never parsed as HTML, so `<script>` in a log line stays characters on screen.
 */
export function InertText({ text, escapeClassName }: { text: string; escapeClassName: string }) {
  return <>{inertNodes(text, escapeClassName)}</>;
}

/**
 * The same as nodes, for callers that draw many pieces (a row's runs): plain text is one string, with no
 * element of its own.
 */
export function inertNodes(text: string, escapeClassName: string): ReactNode {
  const pieces = inertPieces(text);
  if (pieces.length === 1 && typeof pieces[0] === 'string') {
    return pieces[0];
  }
  return pieces.map((piece, i) =>
    typeof piece === 'string' ? (
      piece
    ) : (
      <span key={i} className={escapeClassName} title="A control, invisible or direction character in the log line">
        {piece.shown}
      </span>
    )
  );
}
