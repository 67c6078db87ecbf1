import React from 'react';
import { Field, Input } from '@grafana/ui';

import type { KubeDataSourceOptions } from '../types';
import { parseNumberInput, type SettingsSectionProps, withJsonData } from './configOptions';

type NumericKey = 'pollIntervalSeconds' | 'historyMinutes' | 'fanOutConcurrency';

interface Props extends SettingsSectionProps {
  label: string;
  description: string;
  field: NumericKey & keyof KubeDataSourceOptions;
  id: string;
  testId: string;
  min: number;
  max?: number;
  /** shown as the placeholder: what an empty box means */
  fallback: number;
  /** why the typed value is out of range, if it is */
  error?: string;
}

/** A whole-number setting in jsonData; an empty box means the default, an out-of-range value is explained. */
export function NumberSetting({
  options,
  onOptionsChange,
  label,
  description,
  field,
  id,
  testId,
  min,
  max,
  fallback,
  error,
}: Props) {
  return (
    <Field label={label} description={description} invalid={Boolean(error)} error={error} htmlFor={id}>
      <Input
        id={id}
        data-testid={testId}
        type="number"
        width={12}
        min={min}
        max={max}
        step={1}
        placeholder={String(fallback)}
        value={options.jsonData[field] ?? ''}
        onChange={(e) => onOptionsChange(withJsonData(options, field, parseNumberInput(e.currentTarget.value)))}
      />
    </Field>
  );
}
