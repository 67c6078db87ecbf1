import React, { useCallback } from 'react';
import { Combobox, type ComboboxOption } from '@grafana/ui';

import { type ClusterOptions, filterOptions, type NameLookup } from './clusterOptions';

interface Props {
  value?: string;
  /** the chosen value; undefined when cleared */
  onChange: (value: string | undefined) => void;
  /** loads the choices; called when the menu opens */
  load: () => Promise<Array<ComboboxOption<string>>>;
  /** changes when `load` would load something else (the lookup it is bound to) */
  loadKey: string;
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
export function ClusterCombobox({ value, onChange, load, loadKey, variables, width = 32, ...rest }: Props) {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `load` is a new closure each render; loadKey says what it loads
  const options = useCallback(async (typed: string) => filterOptions([...variables, ...(await load())], typed), [
    loadKey,
    variables.length,
  ]);
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
    loadKey: JSON.stringify(lookup),
    variables: options.variables(),
  };
}
