/** Loki targets: range queries written as LogQL code. */
export interface LokiTarget {
  refId: string;
  expr: string;
  queryType: 'range';
  editorMode: 'code';
  legendFormat?: string;
}

export const lokiTarget = (refId: string, expr: string, legendFormat?: string): LokiTarget => ({
  refId,
  expr,
  queryType: 'range',
  editorMode: 'code',
  ...(legendFormat ? { legendFormat } : {}),
});
