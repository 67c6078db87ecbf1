import React, { type ChangeEvent } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ComboboxOption } from '@grafana/ui';

import { TEST_IDS } from '../../components/testIds';
import type { KubeDataSource } from '../datasource';
import { type KubeQuery, QUERY_TYPES } from '../types';
import { QueryEditor } from './QueryEditor';

// Combobox measures its menu, which jsdom cannot; a native select exercises the same props.
jest.mock('@grafana/ui', () => {
  const ReactActual = jest.requireActual<typeof import('react')>('react');
  interface MockProps {
    options: Array<ComboboxOption<string>>;
    value?: string | null;
    onChange: (option: ComboboxOption<string> | undefined) => void;
    'data-testid'?: string;
  }
  return {
    ...jest.requireActual('@grafana/ui'),
    Combobox: ({ options, value, onChange, 'data-testid': testId }: MockProps) =>
      ReactActual.createElement(
        'select',
        {
          'data-testid': testId,
          value: value ?? '',
          onChange: (e: ChangeEvent<HTMLSelectElement>) => onChange(options.find((o) => o.value === e.target.value)),
        },
        ReactActual.createElement('option', { value: '' }, 'choose'),
        ...options.map((o) => ReactActual.createElement('option', { key: o.value, value: o.value }, o.label))
      ),
  };
});

// the editor never calls the data source; it is only part of the props' type
const datasource = {} as KubeDataSource;

function renderEditor(query: KubeQuery) {
  const onChange = jest.fn<void, [KubeQuery]>();
  const onRunQuery = jest.fn();
  const view = render(
    <QueryEditor datasource={datasource} query={query} onChange={onChange} onRunQuery={onRunQuery} />
  );
  return { onChange, onRunQuery, view };
}

describe('QueryEditor', () => {
  it('offers every query type and sets the chosen one on a new query', async () => {
    // a query made before the data source applied its defaults has no type yet
    const { onChange, onRunQuery } = renderEditor({ refId: 'A' } as KubeQuery);
    const picker = screen.getByTestId(TEST_IDS.queryEditor.queryType);
    for (const { label } of QUERY_TYPES) {
      expect(screen.getByRole('option', { name: label })).toBeInTheDocument();
    }

    await userEvent.selectOptions(picker, 'nodes');
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', queryType: 'nodes' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('does not wipe the fields when the current type is chosen again', async () => {
    const { onChange } = renderEditor({ refId: 'A', queryType: 'nodes', nodeName: 'node-a' });
    const picker = screen.getByTestId(TEST_IDS.queryEditor.queryType);
    expect(picker).toHaveValue('nodes');
    await userEvent.selectOptions(picker, 'nodes');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('commits a typed node name on blur, then runs the query', async () => {
    const { onChange, onRunQuery } = renderEditor({ refId: 'A', queryType: 'nodes', labelSelector: 'zone=a' });
    const input = screen.getByTestId(TEST_IDS.queryEditor.nodeName);

    await userEvent.type(input, 'node-a');
    expect(onChange).not.toHaveBeenCalled();
    expect(onRunQuery).not.toHaveBeenCalled();

    await userEvent.tab();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith({
      refId: 'A',
      queryType: 'nodes',
      labelSelector: 'zone=a',
      nodeName: 'node-a',
    });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    expect(onRunQuery.mock.invocationCallOrder[0]).toBeGreaterThan(onChange.mock.invocationCallOrder[0]);
  });

  it('commits a label selector on Enter', async () => {
    const { onChange, onRunQuery } = renderEditor({ refId: 'B', queryType: 'nodes' });
    await userEvent.type(screen.getByTestId(TEST_IDS.queryEditor.labelSelector), ' kubernetes.io/os=linux {Enter}');
    expect(onChange).toHaveBeenCalledWith({ refId: 'B', queryType: 'nodes', labelSelector: 'kubernetes.io/os=linux' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('clearing the node name removes the filter', async () => {
    const { onChange } = renderEditor({ refId: 'A', queryType: 'nodes', nodeName: 'node-a' });
    const input = screen.getByTestId(TEST_IDS.queryEditor.nodeName);
    expect(input).toHaveValue('node-a');
    await userEvent.clear(input);
    await userEvent.tab();
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', queryType: 'nodes', nodeName: undefined });
  });

  it('does not rerun the query when a field is left unchanged', async () => {
    const { onChange, onRunQuery } = renderEditor({ refId: 'A', queryType: 'nodes', nodeName: 'node-a' });
    await userEvent.click(screen.getByTestId(TEST_IDS.queryEditor.nodeName));
    await userEvent.tab();
    expect(onChange).not.toHaveBeenCalled();
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('follows a query changed from outside, such as Explore history', () => {
    const { view } = renderEditor({ refId: 'A', queryType: 'nodes', nodeName: 'node-a' });
    view.rerender(
      <QueryEditor
        datasource={datasource}
        query={{ refId: 'A', queryType: 'nodes', nodeName: 'node-b' }}
        onChange={jest.fn()}
        onRunQuery={jest.fn()}
      />
    );
    expect(screen.getByTestId(TEST_IDS.queryEditor.nodeName)).toHaveValue('node-b');
  });
});
