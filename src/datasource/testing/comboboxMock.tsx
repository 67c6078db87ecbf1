import React, { useEffect, useState } from 'react';
import type { ComboboxOption } from '@grafana/ui';

interface MockProps {
  options: Array<ComboboxOption<string>> | ((typed: string) => Promise<Array<ComboboxOption<string>>>);
  value?: string | ComboboxOption<string> | null;
  onChange: (option: ComboboxOption<string> | null) => void;
  'data-testid'?: string;
  placeholder?: string;
}

/**
 * Combobox measures its menu, which jsdom cannot; a native select exercises the same props. Async options are
 * loaded on mount and again on focus (as opening the menu does), and a value outside the options still shows.
 */
export function MockCombobox({ options, value, onChange, 'data-testid': testId, placeholder }: MockProps) {
  const [loaded, setLoaded] = useState<Array<ComboboxOption<string>>>([]);
  const [opened, setOpened] = useState(0);
  useEffect(() => {
    if (Array.isArray(options)) {
      return undefined;
    }
    let live = true;
    void options('').then((o) => live && setLoaded(o));
    return () => {
      live = false;
    };
  }, [options, opened]);
  const current = value === null || value === undefined ? '' : typeof value === 'object' ? value.value : value;
  const list = Array.isArray(options) ? options : loaded;
  const shown = current === '' || list.some((o) => o.value === current) ? list : [...list, { value: current }];
  return (
    <select
      data-testid={testId}
      aria-label={placeholder}
      value={current}
      // focusing stands for opening the menu, which loads async options again
      onFocus={() => setOpened((n) => n + 1)}
      onChange={(e) => onChange(shown.find((o) => o.value === e.target.value && !o.infoOption) ?? null)}
    >
      <option value="">choose</option>
      {shown.map((o) => (
        <option key={`${o.value}|${o.label}`} value={o.value} disabled={o.infoOption}>
          {o.label ?? o.value}
        </option>
      ))}
    </select>
  );
}
