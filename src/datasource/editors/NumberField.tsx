import React, { useState } from 'react';
import { InlineField } from '@grafana/ui';

import { CommitInput } from './CommitInput';
import { LABEL_WIDTH } from './editorProps';
import { parsePositiveInt } from './queryModel';

interface Props {
  label: string;
  tooltip: string;
  value?: number;
  /** undefined when the box was emptied */
  onCommit: (value: number | undefined) => void;
  placeholder?: string;
  labelWidth?: number;
  /** reads the typed text: a number, undefined for empty, null for invalid (default: a whole number ≥ 1) */
  parse?: (text: string) => number | undefined | null;
  /** shows a value, e.g. 2097152 as "2 MiB" (default: the number) */
  format?: (value: number) => string;
  /** what a valid entry looks like, for the error message */
  hint?: string;
  'data-testid'?: string;
}

/** A whole number of at least 1, committed on blur or Enter; anything else is explained and not committed. */
export function NumberField({
  label,
  tooltip,
  value,
  onCommit,
  placeholder,
  labelWidth = LABEL_WIDTH,
  parse = parsePositiveInt,
  format = String,
  hint = 'a whole number of 1 or more',
  ...rest
}: Props) {
  const custom = parse !== parsePositiveInt;
  const [error, setError] = useState<string>();
  return (
    <InlineField label={label} labelWidth={labelWidth} tooltip={tooltip} invalid={Boolean(error)} error={error}>
      <CommitInput
        data-testid={rest['data-testid']}
        aria-label={label}
        type={custom ? 'text' : 'number'}
        min={custom ? undefined : 1}
        step={custom ? undefined : 1}
        width={16}
        placeholder={placeholder}
        value={value === undefined ? '' : format(value)}
        onCommit={(text) => {
          const parsed = parse(text);
          if (parsed === null) {
            setError(`Enter ${hint}, or leave it empty.`);
            return;
          }
          setError(undefined);
          onCommit(parsed);
        }}
      />
    </InlineField>
  );
}
