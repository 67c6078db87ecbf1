import type { LRParser } from '@lezer/lr';
import { parser as logqlParser } from '@grafana/lezer-logql';
import { parser as promqlParser } from '@prometheus-io/lezer-promql';

/** Where a lezer grammar could not parse the text: the error nodes (⚠) with the text around them. */
function parseErrors(parser: LRParser, text: string): string[] {
  const errors: string[] = [];
  parser.parse(text).iterate({
    enter: (node) => {
      if (node.type.isError) {
        errors.push(`syntax error at ${node.from}: "${text.slice(Math.max(0, node.from - 15), node.to + 15)}"`);
      }
    },
  });
  return errors;
}

export const promqlErrors = (expr: string) => parseErrors(promqlParser, expr);
export const logqlErrors = (expr: string) => parseErrors(logqlParser, expr);
