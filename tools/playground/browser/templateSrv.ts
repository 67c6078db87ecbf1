import type { ScopedVars, TimeRange, TypedVariableModel } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

const VARIABLE = /\$(\w+)|\$\{(\w+)(?::\w+)?\}|\[\[(\w+)\]\]/g;

/**
 * A template service without dashboards: `$name`, `${name}` and `[[name]]` are replaced from the scoped
 * variables of the request, then from the playground's fixed variables; anything else stays as written.
 */
export function createTemplateSrv(variables: Record<string, string> = {}): TemplateSrv {
  const lookup = (name: string, scopedVars?: ScopedVars): string | undefined => {
    const scoped = scopedVars?.[name];
    if (scoped) {
      return String(scoped.value);
    }
    return variables[name];
  };
  return {
    getVariables: () =>
      Object.keys(variables).map((name) => ({ name, type: 'constant', query: variables[name] }) as TypedVariableModel),
    replace: (target, scopedVars) =>
      (target ?? '').replace(
        VARIABLE,
        (all, a?: string, b?: string, c?: string) => lookup(a ?? b ?? c ?? '', scopedVars) ?? all
      ),
    containsTemplate: (target) => Boolean(target && new RegExp(VARIABLE.source).test(target)),
    updateTimeRange: (_range: TimeRange) => undefined,
  };
}
