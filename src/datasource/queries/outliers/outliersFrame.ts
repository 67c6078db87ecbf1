/** Outlier scores as one table frame: worst first, the score coloured by the tolerance. Pure. */
import { DataFrame, FieldColorModeId, FieldType, QueryResultMetaNotice, ThresholdsMode } from '@grafana/data';

import { OutlierScore, TOLERANCE } from './outlierScoring';

export function outliersFrame(
  scores: readonly OutlierScore[],
  refId: string,
  notices: QueryResultMetaNotice[]
): DataFrame {
  const col = <T>(f: (s: OutlierScore) => T) => scores.map(f);
  return {
    refId,
    name: 'outliers',
    length: scores.length,
    meta: { preferredVisualisationType: 'table', notices: notices.length ? notices : undefined },
    fields: [
      {
        name: 'namespace',
        type: FieldType.string,
        values: col((s) => s.namespace),
        config: { displayName: 'Namespace' },
      },
      { name: 'workload', type: FieldType.string, values: col((s) => s.workload), config: { displayName: 'Workload' } },
      { name: 'pod', type: FieldType.string, values: col((s) => s.pod), config: { displayName: 'Pod' } },
      { name: 'signal', type: FieldType.string, values: col((s) => s.signal), config: { displayName: 'Signal' } },
      // signals differ in unit, so value and median are written out; ratio and score are the numbers to sort by
      {
        name: 'value',
        type: FieldType.string,
        values: col((s) => s.valueText),
        config: { displayName: 'Value' },
      },
      {
        name: 'median',
        type: FieldType.string,
        values: col((s) => s.medianText),
        config: { displayName: 'Median' },
      },
      {
        name: 'ratio',
        type: FieldType.number,
        values: col((s) => s.ratio ?? null),
        config: {
          displayName: 'Of median',
          unit: 'suffix: ×',
          decimals: 2,
          description: 'The value over the median of its workload',
        },
      },
      {
        name: 'score',
        type: FieldType.number,
        values: col((s) => s.score),
        config: {
          displayName: 'Score',
          decimals: 1,
          description: `|value − median| / scaled MAD; above ${TOLERANCE} is an outlier`,
          color: { mode: FieldColorModeId.Thresholds },
          thresholds: {
            mode: ThresholdsMode.Absolute,
            steps: [
              { value: -Infinity, color: 'green' },
              { value: TOLERANCE, color: 'red' },
            ],
          },
          custom: { cellOptions: { type: 'color-text' } },
        },
      },
      { name: 'outlier', type: FieldType.boolean, values: col((s) => s.outlier), config: { displayName: 'Outlier' } },
      { name: 'reason', type: FieldType.string, values: col((s) => s.reason), config: { displayName: 'Why' } },
    ],
  };
}
