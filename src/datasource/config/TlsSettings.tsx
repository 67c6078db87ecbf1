import React from 'react';
import { Alert, Field, FieldSet, Input } from '@grafana/ui';

import { TEST_IDS } from '../../components/testIds';
import { type SettingsSectionProps, withJsonData } from './configOptions';
import { PemSecretField } from './PemSecretField';
import { SwitchSetting } from './SwitchSetting';

/** TLS towards the API server; Grafana's proxy applies these keys to every request. */
export function TlsSettings({ options, onOptionsChange }: SettingsSectionProps) {
  const { jsonData } = options;
  const section = { options, onOptionsChange };

  return (
    <FieldSet label="TLS">
      <SwitchSetting
        {...section}
        label="Custom CA certificate"
        description="Trust the cluster's own CA (in-cluster it is /var/run/secrets/kubernetes.io/serviceaccount/ca.crt)"
        field="tlsAuthWithCACert"
        id="kubeglance-ca-switch"
        testId={TEST_IDS.configEditor.caCertSwitch}
      />

      {jsonData.tlsAuthWithCACert && (
        <PemSecretField
          options={options}
          onOptionsChange={onOptionsChange}
          secret="tlsCACert"
          expect="ca"
          label="CA certificate"
          description="PEM, begins with -----BEGIN CERTIFICATE-----"
          placeholder="-----BEGIN CERTIFICATE-----"
          testId={TEST_IDS.configEditor.caCert}
        />
      )}

      <Field
        label="Server name"
        description="The name to verify the API server's certificate against, when it differs from the URL's host"
        htmlFor="kubeglance-server-name"
      >
        <Input
          id="kubeglance-server-name"
          data-testid={TEST_IDS.configEditor.serverName}
          width={60}
          placeholder="kubernetes.default.svc"
          value={jsonData.serverName ?? ''}
          onChange={(e) => onOptionsChange(withJsonData(options, 'serverName', e.currentTarget.value))}
        />
      </Field>

      <SwitchSetting
        {...section}
        label="Skip TLS verification"
        description="Accept any certificate from the API server. Only for a throwaway test cluster."
        field="tlsSkipVerify"
        id="kubeglance-skip-verify"
        testId={TEST_IDS.configEditor.skipVerify}
      />

      {jsonData.tlsSkipVerify && (
        <Alert severity="warning" title="TLS verification is off" data-testid={TEST_IDS.configEditor.skipVerifyWarning}>
          Grafana will not check who answers at the API server URL, so anyone between Grafana and the API server can
          read the token and the cluster data. Add the cluster&apos;s CA certificate instead.
        </Alert>
      )}
    </FieldSet>
  );
}
