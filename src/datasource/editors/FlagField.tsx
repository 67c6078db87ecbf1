import React from 'react';
import { InlineField, InlineSwitch } from '@grafana/ui';

import type { KubeQuery } from '../types';
import { withField } from './queryModel';

type BooleanKeys<Q> = { [K in keyof Q]-?: NonNullable<Q[K]> extends boolean ? K : never }[keyof Q] & string;

interface Props<Q extends KubeQuery> {
  query: Q;
  onCommit: (q: Q) => void;
  field: BooleanKeys<Q>;
  label: string;
  tooltip: string;
  testId: string;
}

/** An on/off field of a query; off leaves the field out of the saved query. */
export function FlagField<Q extends KubeQuery>({ query, onCommit, field, label, tooltip, testId }: Props<Q>) {
  const id = `kubeglance-${String(field)}-${query.refId}`;
  return (
    <InlineField label={label} tooltip={tooltip} htmlFor={id}>
      <InlineSwitch
        id={id}
        data-testid={testId}
        value={Boolean(query[field])}
        onChange={(e) => onCommit(withField(query, field, e.currentTarget.checked as Q[typeof field]))}
      />
    </InlineField>
  );
}
