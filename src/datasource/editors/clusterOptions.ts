import type { ComboboxOption } from '@grafana/ui';

import { describeKubeError } from '../kube/errors';
import { asKubeError } from '../kube/queryError';
import type { KubeletEndpoint } from '../types';
import type { KubeVariableQuery, VariableKind } from '../variableTypes';

/** What a name picker lists: a variable query without its refId. */
export type NameLookup = Omit<KubeVariableQuery, 'refId'>;

/**
 * Where the query editors get their choices: an interface, so the editors need not know the data source (the
 * implementation is variables/clusterOptionsFor.ts); tests pass their own.
 */
export interface ClusterOptions {
  /** the names a variable query lists, as options (an error becomes one info row saying what is wrong) */
  names(lookup: NameLookup): Promise<Array<ComboboxOption<string>>>;
  /** metric names the kubelet endpoint exposes; undefined when the data source cannot tell */
  kubeletMetrics(
    node: string | undefined,
    endpoint: KubeletEndpoint
  ): Promise<Array<ComboboxOption<string>>> | undefined;
  /** the dashboard's template variables, as `$name`; with a kind, only those whose values fit it */
  variables(kind?: VariableKind): Array<ComboboxOption<string>>;
}

export function infoOption(message: string): ComboboxOption<string> {
  return { value: '', label: message, infoOption: true };
}

export function errorOption(err: unknown): ComboboxOption<string> {
  return infoOption(describeKubeError(asKubeError(err)));
}

/** Keeps the options whose label or value contains what was typed (case-insensitive). */
export function filterOptions(options: Array<ComboboxOption<string>>, typed: string): Array<ComboboxOption<string>> {
  const needle = typed.trim().toLowerCase();
  if (!needle) {
    return options;
  }
  return options.filter(
    (o) => o.infoOption || o.value.toLowerCase().includes(needle) || (o.label ?? '').toLowerCase().includes(needle)
  );
}
