import React, { useState } from 'react';
import type { CoreApp } from '@grafana/data';
import type { ComboboxOption } from '@grafana/ui';
import { act, render } from '@testing-library/react';

import type { VariableDataSource } from '../variables/VariableQueryEditor';
import type { KubeQuery } from '../types';
import type { ClusterOptions, NameLookup } from '../editors/clusterOptions';
import { QueryEditor } from '../QueryEditor';

/** Names a fake cluster answers per lookup kind; every lookup is recorded. */
export function fakeClusterOptions(
  names: Partial<Record<NameLookup['kind'], string[]>> = {},
  extra: Partial<Omit<ClusterOptions, 'names'>> = {}
): ClusterOptions & { names: jest.Mock<Promise<Array<ComboboxOption<string>>>, [NameLookup]> } {
  return {
    names: jest.fn(async (lookup: NameLookup) => (names[lookup.kind] ?? []).map((n) => ({ value: n, label: n }))),
    kubeletMetrics: () => undefined,
    variables: () => [{ value: '$namespace', label: '$namespace', group: 'Variables' }],
    ...extra,
  };
}

/** Renders the query editor the way Grafana does: it owns the query and hands every change back. */
export async function renderQueryEditor(
  initial: KubeQuery,
  options: ClusterOptions = fakeClusterOptions(),
  app?: CoreApp
) {
  const onChange = jest.fn<void, [KubeQuery]>();
  const onRunQuery = jest.fn();
  function Host() {
    const [query, setQuery] = useState(initial);
    return (
      <QueryEditor
        datasource={{} as VariableDataSource}
        clusterOptions={options}
        app={app}
        query={query}
        onChange={(next) => {
          onChange(next);
          setQuery(next);
        }}
        onRunQuery={onRunQuery}
      />
    );
  }
  const view = render(<Host />);
  await settle();
  const latest = (): KubeQuery => {
    const call = onChange.mock.lastCall;
    if (!call) {
      throw new Error('onChange was not called');
    }
    return call[0];
  };
  return { onChange, onRunQuery, latest, view };
}

/** Lets the pickers' option loads finish, so their state updates happen inside act(). */
export async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}
