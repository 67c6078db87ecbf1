import type { DataFrameType as DataFrameTypeEnum, FieldType as FieldTypeEnum } from '@grafana/data';

/**
 * The @grafana/data enum values the model compares against, as plain constants: the model also runs in Node
 * (benchmarks), where importing @grafana/data's runtime fails for want of a `window`.
 */
export const FieldKind = {
  time: 'time' as FieldTypeEnum.time,
  string: 'string' as FieldTypeEnum.string,
  number: 'number' as FieldTypeEnum.number,
  other: 'other' as FieldTypeEnum.other,
} as const;

export const LOG_LINES_FRAME = 'log-lines' as DataFrameTypeEnum.LogLines;
