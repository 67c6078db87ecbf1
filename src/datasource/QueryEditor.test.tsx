import React from 'react';
import { CoreApp } from '@grafana/data';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { KubeDataSource } from './datasource';
import { type KubeQuery, QUERY_TYPES } from './types';
import { EDITOR_TEST_IDS } from './editors/editorTestIds';
import { QueryEditor } from './QueryEditor';
import { fakeClusterOptions, renderQueryEditor, settle } from './testing/renderQueryEditor';

jest.mock('@grafana/ui', () => ({
  ...jest.requireActual('@grafana/ui'),
  Combobox: jest.requireActual('./testing/comboboxMock').MockCombobox,
}));

const typeOptions = () =>
  within(screen.getByTestId(EDITOR_TEST_IDS.queryType))
    .getAllByRole('option')
    .map((o) => o.textContent)
    .filter((label) => label !== 'choose');

describe('QueryEditor', () => {
  it('offers every query type and sets the chosen one on a new query', async () => {
    // a query made before the data source applied its defaults has no type yet
    const { onChange, onRunQuery } = await renderQueryEditor({ refId: 'A' } as KubeQuery);
    expect(typeOptions()).toEqual(QUERY_TYPES.map((t) => t.label));

    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.queryType), 'pods');
    await settle();
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', queryType: 'pods' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId(EDITOR_TEST_IDS.groupBy)).toBeInTheDocument();
  });

  it('lists logs first in Explore and shows a new query there as logs', async () => {
    await renderQueryEditor({ refId: 'A' } as KubeQuery, fakeClusterOptions(), CoreApp.Explore);
    expect(typeOptions()[0]).toBe('Logs');
    expect(typeOptions()).toHaveLength(QUERY_TYPES.length);
    expect(screen.getByTestId(EDITOR_TEST_IDS.queryType)).toHaveValue('logs');
    expect(screen.getByTestId(EDITOR_TEST_IDS.tailLines)).toBeInTheDocument();
  });

  it('keeps a saved type in Explore', async () => {
    await renderQueryEditor({ refId: 'A', queryType: 'nodes' }, fakeClusterOptions(), CoreApp.Explore);
    expect(screen.getByTestId(EDITOR_TEST_IDS.queryType)).toHaveValue('nodes');
  });

  it('keeps only the common fields when the type changes', async () => {
    const { latest } = await renderQueryEditor({
      refId: 'B',
      hide: false,
      datasource: { uid: 'kube' },
      queryType: 'pods',
      namespace: 'shop',
      topN: 5,
      format: 'timeseries',
    });
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.queryType), 'logs');
    await settle();
    expect(latest()).toEqual({ refId: 'B', hide: false, datasource: { uid: 'kube' }, queryType: 'logs' });
  });

  it('does not wipe the fields when the current type is chosen again', async () => {
    const { onChange } = await renderQueryEditor({ refId: 'A', queryType: 'nodes', nodeName: 'node-a' });
    const picker = screen.getByTestId(EDITOR_TEST_IDS.queryType);
    expect(picker).toHaveValue('nodes');
    await userEvent.selectOptions(picker, 'nodes');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('offers the cluster’s nodes and the dashboard’s variables for a nodes query, and runs on choice', async () => {
    const options = fakeClusterOptions({ nodes: ['node-1', 'node-2'] });
    const { onChange, onRunQuery } = await renderQueryEditor(
      { refId: 'A', queryType: 'nodes', labelSelector: 'zone=a' },
      options
    );
    const picker = screen.getByTestId(EDITOR_TEST_IDS.nodeName);
    await screen.findByRole('option', { name: 'node-2' });
    expect(within(picker).getByRole('option', { name: '$namespace' })).toBeInTheDocument();
    expect(options.names).toHaveBeenCalledWith({ kind: 'nodes' });

    await userEvent.selectOptions(picker, 'node-2');
    expect(onChange).toHaveBeenCalledWith({
      refId: 'A',
      queryType: 'nodes',
      labelSelector: 'zone=a',
      nodeName: 'node-2',
    });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    expect(onRunQuery.mock.invocationCallOrder[0]).toBeGreaterThan(onChange.mock.invocationCallOrder[0]);
  });

  it('clearing the node removes the filter', async () => {
    const { latest } = await renderQueryEditor({ refId: 'A', queryType: 'nodes', nodeName: 'node-a' });
    const picker = screen.getByTestId(EDITOR_TEST_IDS.nodeName);
    expect(picker).toHaveValue('node-a');
    await userEvent.selectOptions(picker, '');
    expect(latest()).toEqual({ refId: 'A', queryType: 'nodes' });
  });

  it('commits a label selector on Enter, trimmed, and not on every key', async () => {
    const { onChange, onRunQuery } = await renderQueryEditor({ refId: 'B', queryType: 'nodes' });
    await userEvent.type(screen.getByTestId(EDITOR_TEST_IDS.labelSelector), ' kubernetes.io/os=linux ');
    expect(onChange).not.toHaveBeenCalled();
    await userEvent.keyboard('{Enter}');
    expect(onChange).toHaveBeenCalledWith({ refId: 'B', queryType: 'nodes', labelSelector: 'kubernetes.io/os=linux' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('does not rerun the query when a field is left unchanged', async () => {
    const { onChange, onRunQuery } = await renderQueryEditor({
      refId: 'A',
      queryType: 'nodes',
      labelSelector: 'zone=a',
    });
    await userEvent.click(screen.getByTestId(EDITOR_TEST_IDS.labelSelector));
    await userEvent.tab();
    expect(onChange).not.toHaveBeenCalled();
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('switches a nodes query to time series and live', async () => {
    const { latest, onRunQuery } = await renderQueryEditor({ refId: 'A', queryType: 'nodes' });
    await userEvent.click(screen.getByRole('radio', { name: 'Time series' }));
    expect(latest()).toEqual({ refId: 'A', queryType: 'nodes', format: 'timeseries' });
    await userEvent.click(screen.getByTestId(EDITOR_TEST_IDS.live));
    expect(latest()).toEqual({ refId: 'A', queryType: 'nodes', format: 'timeseries', live: true });
    await userEvent.click(screen.getByTestId(EDITOR_TEST_IDS.live));
    expect(latest()).toEqual({ refId: 'A', queryType: 'nodes', format: 'timeseries' });
    expect(onRunQuery).toHaveBeenCalledTimes(3);
  });

  it('follows a query changed from outside, such as Explore history', async () => {
    const options = fakeClusterOptions();
    const props = {
      datasource: {} as KubeDataSource,
      clusterOptions: options,
      onChange: jest.fn(),
      onRunQuery: jest.fn(),
    };
    const { view } = await renderQueryEditor({ refId: 'A', queryType: 'nodes', labelSelector: 'zone=a' }, options);
    view.rerender(<QueryEditor {...props} query={{ refId: 'A', queryType: 'nodes', labelSelector: 'zone=b' }} />);
    await settle();
    expect(screen.getByTestId(EDITOR_TEST_IDS.labelSelector)).toHaveValue('zone=b');
  });
});
