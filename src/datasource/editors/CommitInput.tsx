import React, { type ComponentProps, useState } from 'react';
import { Input } from '@grafana/ui';

type Props = Omit<ComponentProps<typeof Input>, 'value' | 'defaultValue' | 'onChange' | 'onBlur'> & {
  value: string;
  /** called on blur or Enter with the trimmed text, only when it differs from `value` */
  onCommit: (value: string) => void;
};

/** A text input that edits locally and commits on blur or Enter, so a query runs once per edit, not per key. */
export function CommitInput({ value, onCommit, onKeyDown, ...rest }: Props) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  // the query can change from outside (undo, type switch, Explore history): follow it
  if (seen !== value) {
    setSeen(value);
    setDraft(value);
  }

  const commit = () => {
    const next = draft.trim();
    if (next !== value) {
      onCommit(next);
    }
  };

  return (
    <Input
      {...rest}
      value={draft}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          commit();
        }
        onKeyDown?.(e);
      }}
    />
  );
}
