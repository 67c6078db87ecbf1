import React, { useCallback, useEffect, useRef } from 'react';
import { Combobox, type ComboboxOption } from '@grafana/ui';

import { type ClusterOptions, filterOptions, type NameLookup } from './clusterOptions';

interface Props {
  value?: string;
  /** the chosen value; undefined when cleared */
  onChange: (value: string | undefined) => void;
  /** loads the choices; called when the menu opens */
  load: () => Promise<Array<ComboboxOption<string>>>;
  /** offered first: the dashboard's template variables */
  variables: Array<ComboboxOption<string>>;
  id?: string;
  'data-testid'?: string;
  width?: number;
  placeholder?: string;
}

/**
 * A name picker whose choices come from the cluster. Any value can be typed as well: a name the list does not
 * show yet, several names separated by commas, or a template variable.
 */
export function ClusterCombobox({ value, onChange, load, variables, width = 32, ...rest }: Props) {
  // Combobox keeps its options function between renders; it reads the latest loader when the menu opens
  const latest = useRef({ load, variables });
  useEffect(() => {
    latest.current = { load, variables };
  });
  const options = useCallback(
    async (typed: string) => filterOptions([...latest.current.variables, ...(await latest.current.load())], typed),
    []
  );
  return (
    <Combobox
      {...rest}
      width={width}
      createCustomValue
      isClearable
      value={value || null}
      options={options}
      onChange={(option) => onChange(option?.value || undefined)}
    />
  );
}

/** The props that bind a ClusterCombobox to a variable-style lookup of names in the cluster. */
export function lookupProps(options: ClusterOptions, lookup: NameLookup) {
  return {
    load: () => options.names(lookup),
    variables: options.variables(lookup.kind),
  };
}
