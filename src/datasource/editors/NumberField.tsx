import React, { useState } from 'react';
import { InlineField } from '@grafana/ui';

import { CommitInput } from './CommitInput';
import { parsePositiveInt } from './queryModel';

interface Props {
  label: string;
  tooltip: string;
  value?: number;
  /** undefined when the box was emptied */
  onCommit: (value: number | undefined) => void;
  placeholder?: string;
  labelWidth?: number;
  'data-testid'?: string;
}

/** A whole number of at least 1, committed on blur or Enter; anything else is explained and not committed. */
export function NumberField({ label, tooltip, value, onCommit, placeholder, labelWidth = 14, ...rest }: Props) {
  const [error, setError] = useState<string>();
  return (
    <InlineField label={label} labelWidth={labelWidth} tooltip={tooltip} invalid={Boolean(error)} error={error}>
      <CommitInput
        data-testid={rest['data-testid']}
        aria-label={label}
        type="number"
        min={1}
        step={1}
        width={16}
        placeholder={placeholder}
        value={value === undefined ? '' : String(value)}
        onCommit={(text) => {
          const parsed = parsePositiveInt(text);
          if (parsed === null) {
            setError('Enter a whole number of 1 or more, or leave it empty.');
            return;
          }
          setError(undefined);
          onCommit(parsed);
        }}
      />
    </InlineField>
  );
}
