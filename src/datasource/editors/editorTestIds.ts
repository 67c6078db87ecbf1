import { TEST_IDS } from '../../components/testIds';

const field = (name: string) => `data-testid kubeglance query ${name}`;

/**
 * `data-testid`s of the query and variable editors' fields, for jest and Playwright. The first three are the
 * shared TEST_IDS; the rest follow their pattern.
 */
export const EDITOR_TEST_IDS = {
  ...TEST_IDS.queryEditor,
  namespace: field('namespace'),
  podName: field('pod-name'),
  fieldSelector: field('field-selector'),
  groupBy: field('group-by'),
  sortBy: field('sort-by'),
  topN: field('top-n'),
  live: field('live'),
  scope: field('scope'),
  endpoint: field('endpoint'),
  metric: field('metric'),
  matchers: field('matchers'),
  resource: field('resource'),
  involvedKind: field('involved-kind'),
  involvedName: field('involved-name'),
  container: field('container'),
  includeInit: field('include-init'),
  previous: field('previous'),
  events: field('events'),
  pressure: field('pressure'),
  tailLines: field('tail-lines'),
  limitBytes: field('limit-bytes'),
  variableKind: field('variable kind'),
  workloadKind: field('variable workload-kind'),
  labelResource: field('variable label-resource'),
  labelKey: field('variable label-key'),
} as const;
