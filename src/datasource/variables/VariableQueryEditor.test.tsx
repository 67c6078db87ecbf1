import React, { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { KubeVariableQuery } from '../variableTypes';
import type { ClusterOptions } from '../editors/clusterOptions';
import { EDITOR_TEST_IDS } from '../editors/editorTestIds';
import { fakeClusterOptions, settle } from '../testing/renderQueryEditor';
import { type VariableDataSource, VariableQueryEditor } from './VariableQueryEditor';

jest.mock('@grafana/ui', () => ({
  ...jest.requireActual('@grafana/ui'),
  Combobox: jest.requireActual('../testing/comboboxMock').MockCombobox,
}));

async function renderVariableEditor(initial: KubeVariableQuery, options: ClusterOptions = fakeClusterOptions()) {
  const onChange = jest.fn<void, [KubeVariableQuery]>();
  const onRunQuery = jest.fn();
  function Host() {
    const [query, setQuery] = useState(initial);
    return (
      <VariableQueryEditor
        datasource={{} as VariableDataSource}
        clusterOptions={options}
        query={query}
        onChange={(next) => {
          onChange(next);
          setQuery(next);
        }}
        onRunQuery={onRunQuery}
      />
    );
  }
  render(<Host />);
  await settle();
  return { onChange, onRunQuery, latest: () => onChange.mock.lastCall![0] };
}

describe('VariableQueryEditor', () => {
  it('shows a new variable as a namespaces list with only a label selector', async () => {
    await renderVariableEditor({ refId: 'V' } as KubeVariableQuery);
    expect(screen.getByTestId(EDITOR_TEST_IDS.variableKind)).toHaveValue('namespaces');
    expect(screen.getByTestId(EDITOR_TEST_IDS.labelSelector)).toBeInTheDocument();
    expect(screen.queryByTestId(EDITOR_TEST_IDS.namespace)).not.toBeInTheDocument();
  });

  it('starts a new kind clean and lists pods by namespace, node and selector', async () => {
    const options = fakeClusterOptions({ namespaces: ['shop'], nodes: ['node-1'] });
    const { latest, onRunQuery } = await renderVariableEditor(
      { refId: 'V', kind: 'namespaces', labelSelector: 'team' },
      options
    );
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.variableKind), 'pods');
    await settle();
    expect(latest()).toEqual({ refId: 'V', kind: 'pods' });

    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.namespace), '$namespace');
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.nodeName), 'node-1');
    await userEvent.type(screen.getByTestId(EDITOR_TEST_IDS.labelSelector), 'app=web{Enter}');
    expect(latest()).toEqual({
      refId: 'V',
      kind: 'pods',
      namespace: '$namespace',
      node: 'node-1',
      labelSelector: 'app=web',
    });
    expect(onRunQuery).toHaveBeenCalledTimes(4);
  });

  it('lists containers of a pod chosen from the namespace', async () => {
    const options = fakeClusterOptions({ pods: ['cart-1'] });
    const { latest } = await renderVariableEditor({ refId: 'V', kind: 'containers', namespace: 'shop' }, options);
    expect(options.names).toHaveBeenCalledWith({ kind: 'pods', namespace: 'shop' });
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.podName), 'cart-1');
    expect(latest()).toEqual({ refId: 'V', kind: 'containers', namespace: 'shop', pod: 'cart-1' });
  });

  it('lists workloads of one kind or of all', async () => {
    const { latest } = await renderVariableEditor({ refId: 'V', kind: 'workloads' });
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.workloadKind), 'statefulsets');
    expect(latest()).toEqual({ refId: 'V', kind: 'workloads', workloadKind: 'statefulsets' });
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.workloadKind), '');
    expect(latest()).toEqual({ refId: 'V', kind: 'workloads' });
  });

  it('offers the label keys of the chosen resource and has no namespace for cluster-scoped ones', async () => {
    const options = fakeClusterOptions({ labelKeys: ['app', 'team'] });
    const { latest } = await renderVariableEditor(
      { refId: 'V', kind: 'labelValues', resource: 'pods', namespace: 'shop' },
      options
    );
    expect(options.names).toHaveBeenCalledWith({ kind: 'labelKeys', resource: 'pods', namespace: 'shop' });
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.labelKey), 'team');
    expect(latest()).toEqual({
      refId: 'V',
      kind: 'labelValues',
      resource: 'pods',
      namespace: 'shop',
      labelKey: 'team',
    });

    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.labelResource), 'namespaces');
    await settle();
    expect(latest()).toEqual({ refId: 'V', kind: 'labelValues', resource: 'namespaces', labelKey: 'team' });
    expect(screen.queryByTestId(EDITOR_TEST_IDS.namespace)).not.toBeInTheDocument();
  });
});
