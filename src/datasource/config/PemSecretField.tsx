import React from 'react';
import { Field, SecretTextArea } from '@grafana/ui';

import { checkPem, type PemExpectation } from './pemCheck';
import type { KubeSecureJsonData } from '../types';
import { type SettingsSectionProps, withSecret, withSecretReset } from './configOptions';

interface Props extends SettingsSectionProps {
  /** the secureJsonData key: write-only, a stored value is never shown */
  secret: keyof KubeSecureJsonData & ('tlsCACert' | 'tlsClientCert' | 'tlsClientKey');
  /** what the block must be: checked as typed, since a stored secret is never sent back to be checked */
  expect: PemExpectation;
  label: string;
  description: string;
  placeholder: string;
  testId: string;
}

/** A PEM block kept in secureJsonData: typed in once, then shown only as "configured" with a reset. */
export function PemSecretField({
  options,
  onOptionsChange,
  secret,
  expect,
  label,
  description,
  placeholder,
  testId,
}: Props) {
  const problem = checkPem(options.secureJsonData?.[secret], expect);
  return (
    <Field
      label={label}
      description={description}
      invalid={Boolean(problem)}
      error={problem && `${problem.message} ${problem.remedy}`}
    >
      <SecretTextArea
        data-testid={testId}
        aria-label={label}
        rows={6}
        cols={64}
        placeholder={placeholder}
        isConfigured={Boolean(options.secureJsonFields?.[secret])}
        value={options.secureJsonData?.[secret] ?? ''}
        onChange={(e) => onOptionsChange(withSecret(options, secret, e.currentTarget.value))}
        onReset={() => onOptionsChange(withSecretReset(options, secret))}
      />
    </Field>
  );
}
