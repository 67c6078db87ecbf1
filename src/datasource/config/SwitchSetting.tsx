import React, { type ReactNode } from 'react';
import { Field, Switch } from '@grafana/ui';

import type { KubeDataSourceOptions } from '../types';
import { type SettingsSectionProps, withJsonData } from './configOptions';

type BooleanKey = 'tlsAuthWithCACert' | 'tlsSkipVerify' | 'kubeletAccess';

interface Props extends SettingsSectionProps {
  label: string;
  description: ReactNode;
  field: BooleanKey & keyof KubeDataSourceOptions;
  id: string;
  testId: string;
}

/** An on/off setting in jsonData; absent reads as off. */
export function SwitchSetting({ options, onOptionsChange, label, description, field, id, testId }: Props) {
  return (
    <Field label={label} description={description} htmlFor={id}>
      <Switch
        id={id}
        data-testid={testId}
        value={Boolean(options.jsonData[field])}
        onChange={(e) => onOptionsChange(withJsonData(options, field, e.currentTarget.checked))}
      />
    </Field>
  );
}
