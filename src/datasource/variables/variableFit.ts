import { validateName, type NameKind } from '../kube/names';
import type { VariableKind } from '../variableTypes';

/** plugin.json's id: our own query variables say which kind they list */
export const DATASOURCE_PLUGIN_ID = 'kubeglance-kubernetes-datasource';

/** The parts of a dashboard variable (Grafana's TypedVariableModel) that say what its values are. */
export interface VariableLike {
  name: string;
  type?: string;
  datasource?: { uid?: string; type?: string } | string | null;
  query?: unknown;
  current?: { value?: string | string[] };
}

/** What a name field holds, in the words of our variable kinds and name validation. */
const FIELD_KIND: Partial<Record<VariableKind, NameKind>> = {
  namespaces: 'namespace',
  nodes: 'node',
  pods: 'pod',
  containers: 'container',
};

/** Names that say which kind a variable holds, whatever data source fills it (Prometheus label_values too). */
const NAME_HINTS: Array<[RegExp, VariableKind]> = [
  [/^(ns|namespaces?|kube_?namespace)$/i, 'namespaces'],
  [/^(nodes?|instance|kube_?node|node_?name|hostname)$/i, 'nodes'],
  [/^(pods?|pod_?name|kube_?pod)$/i, 'pods'],
  [/^(containers?|container_?name)$/i, 'containers'],
];

function hintedKind(name: string): VariableKind | undefined {
  return NAME_HINTS.find(([re]) => re.test(name))?.[1];
}

function ownKind(v: VariableLike, pluginId: string): VariableKind | undefined {
  const ds = v.datasource;
  const type = typeof ds === 'object' && ds ? ds.type : undefined;
  if (v.type !== 'query' || type !== pluginId) {
    return undefined;
  }
  const kind = (v.query as { kind?: unknown } | undefined)?.kind;
  return typeof kind === 'string' ? (kind as VariableKind) : undefined;
}

function currentValues(v: VariableLike): string[] {
  const value = v.current?.value;
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  // "$__all" and nested variables stand for values not known here: nothing to check
  return values.filter((x) => x !== '' && x !== 'All' && !x.includes('$'));
}

/**
 * Whether a dashboard variable belongs in the picker of `field`: a variable of this data source when it lists
 * that kind; another variable unless its name says it holds another kind (`$namespace` is no node name) or its
 * current values are not valid names of the field's kind.
 */
export function variableFits(v: VariableLike, field: VariableKind, pluginId = DATASOURCE_PLUGIN_ID): boolean {
  const own = ownKind(v, pluginId);
  if (own) {
    return own === field;
  }
  const hinted = hintedKind(v.name);
  if (hinted && hinted !== field) {
    return false;
  }
  const kind = FIELD_KIND[field];
  if (!kind) {
    return true;
  }
  return currentValues(v).every((value) => {
    try {
      validateName(kind, value);
      return true;
    } catch {
      return false;
    }
  });
}
