import { ScopedVars } from '@grafana/data';
import { TemplateSrv } from '@grafana/runtime';

import { NameKind, validateName } from '../kube/names';
import type { VariableResolver } from '../variableTypes';

/**
 * A name field after template variables: multi-value and "All" variables expand to several names (csv),
 * and every name is validated before it can reach a URL. Empty means "no filter".
 */
export function interpolateNames(
  templateSrv: Pick<TemplateSrv, 'replace'>,
  text: string | undefined,
  kind: NameKind,
  scopedVars?: ScopedVars
): string[] {
  if (!text || !text.trim()) {
    return [];
  }
  const expanded = templateSrv.replace(text.trim(), scopedVars, 'csv');
  const names = expanded
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return [...new Set(names)].map((n) => validateName(kind, n));
}

/** A free-text field (label selector) after template variables. */
export function interpolateText(
  templateSrv: Pick<TemplateSrv, 'replace'>,
  text: string | undefined,
  scopedVars?: ScopedVars
): string | undefined {
  if (!text || !text.trim()) {
    return undefined;
  }
  return templateSrv.replace(text.trim(), scopedVars, 'csv');
}

/** The resolver every query module gets: Grafana's template service with the request's scoped variables. */
export function variableResolver(templateSrv: Pick<TemplateSrv, 'replace'>, scopedVars?: ScopedVars): VariableResolver {
  return {
    names: (text, kind) => interpolateNames(templateSrv, text, kind, scopedVars),
    text: (text) => interpolateText(templateSrv, text, scopedVars),
  };
}
