/** @jest-environment node */
import { layout } from '../lib/dashboard';
import { stat } from '../lib/panels';
import { kubeQueryErrors, kubeVariableQueryErrors } from './kubeQuery';
import type { JsonDashboard } from './model';
import { logqlErrors, promqlErrors } from './parseErrors';
import { withPlaceholders } from './placeholders';
import { dashboardUrls, undefinedVariables, variablesUsed } from './references';

const kubeQuery = (q: Record<string, unknown>) => ({ refId: 'A', ...q });

describe('kubeQueryErrors', () => {
  it('accepts queries as the editors save them', () => {
    expect(kubeQueryErrors(kubeQuery({ queryType: 'pods', groupBy: 'container', sortBy: 'cpu', topN: 10 }))).toEqual(
      []
    );
    expect(kubeQueryErrors(kubeQuery({ queryType: 'logs', podName: '$pod', tailLines: 100, live: true }))).toEqual([]);
  });

  it.each([
    [{ queryType: 'metrics' }, /queryType must be one of/],
    [{ queryType: 'pods', groupBy: 'pods' }, /"groupBy" must be one of container/],
    [{ queryType: 'pods', topN: '10' }, /"topN" must be a positive integer/],
    [{ queryType: 'nodes', live: 'yes' }, /"live" must be true or false/],
    [{ queryType: 'nodes', nodename: 'n1' }, /a nodes query has no field "nodename"/],
    [{ queryType: 'summary', podName: 'p', scope: 'cluster' }, /"scope" must be one of/],
    [{ queryType: 'events', eventType: 'Error' }, /"eventType" must be one of Normal, Warning/],
  ])('rejects %j', (query, message) => {
    expect(kubeQueryErrors({ refId: 'A', ...query }).join('\n')).toMatch(message);
  });

  it('needs a refId', () => {
    expect(kubeQueryErrors({ queryType: 'nodes' })).toEqual(['refId is missing']);
  });
});

describe('kubeVariableQueryErrors', () => {
  it('accepts a pods variable of a namespace', () => {
    expect(kubeVariableQueryErrors({ refId: 'v', kind: 'pods', namespace: '$namespace' })).toEqual([]);
  });

  it.each([
    ['label_values(x, y)', /must be an object/],
    [{ refId: 'v' }, /has no kind/],
    [{ refId: 'v', kind: 'services' }, /"kind" must be one of/],
    [{ refId: 'v', kind: 'pods', podName: 'x' }, /has no field "podName"/],
  ])('rejects %j', (query, message) => {
    expect(kubeVariableQueryErrors(query).join('\n')).toMatch(message);
  });
});

describe('query parsers', () => {
  it('find PromQL syntax errors', () => {
    expect(promqlErrors('sum by (pod) (rate(x{a=~"b"}[1m]))')).toEqual([]);
    expect(promqlErrors('sum(rate(x[1m])')).not.toEqual([]);
    // a variable left in place is not PromQL
    expect(promqlErrors('rate(x[$__rate_interval])')).not.toEqual([]);
  });

  it('find LogQL syntax errors', () => {
    expect(logqlErrors('{namespace=~".+"} |= `x`')).toEqual([]);
    expect(logqlErrors('{namespace=~".+" |= `x`')).not.toEqual([]);
  });
});

describe('withPlaceholders', () => {
  it('replaces interval macros and every form of variable', () => {
    const out = withPlaceholders('rate(x{a=~"$a", b=~"${b}", c="${c:regex}"}[$__rate_interval]) [$__auto]', {
      interval: '10s',
      values: { a: 'one' },
      fallback: '.*',
    });
    expect(out).toBe('rate(x{a=~"one", b=~".*", c=".*"}[10s]) [10s]');
  });
});

describe('references', () => {
  const d = {
    templating: { list: [{ type: 'query', name: 'pod' }] },
    panels: [
      { type: 'table', fieldConfig: { defaults: { links: [{ url: '/d/abc?var-pod=${__data.fields.pod}&var-x=1' }] } } },
    ],
    links: [{ type: 'link', url: '/d/def' }],
  } as unknown as JsonDashboard;

  it('lists the variables a text uses', () => {
    expect(variablesUsed('$a ${b} ${c:csv} [[d]] ${__data.fields.e}')).toEqual(['a', 'b', 'c', 'd', '__data']);
  });

  it('finds variables the dashboard does not define', () => {
    expect(undefinedVariables(d, '$pod $node $__rate_interval')).toEqual(['node']);
  });

  it('finds dashboard links with the variables they set', () => {
    expect(dashboardUrls(d)).toEqual([
      { uid: 'abc', vars: ['pod', 'x'] },
      { uid: 'def', vars: [] },
    ]);
  });
});

describe('layout', () => {
  const panel = stat({ title: 'p', datasource: { uid: 'x' }, targets: [] });

  it('places bands below each other and numbers the panels', () => {
    const panels = layout([
      {
        bands: [
          {
            h: 4,
            panels: [
              [12, panel],
              [12, panel],
            ],
          },
          { h: 3, panels: [[24, panel]] },
        ],
      },
    ]);
    expect(panels.map((p) => [p.id, p.gridPos])).toEqual([
      [1, { h: 4, w: 12, x: 0, y: 0 }],
      [2, { h: 4, w: 12, x: 12, y: 0 }],
      [3, { h: 3, w: 24, x: 0, y: 4 }],
    ]);
  });

  it('refuses a band wider than the grid', () => {
    expect(() =>
      layout([
        {
          bands: [
            {
              h: 4,
              panels: [
                [16, panel],
                [16, panel],
              ],
            },
          ],
        },
      ])
    ).toThrow(/wider than 24/);
  });
});
