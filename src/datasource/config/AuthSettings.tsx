import React from 'react';
import { Alert, Field, FieldSet, RadioButtonGroup, SecretInput } from '@grafana/ui';

import { TEST_IDS } from '../../components/testIds';
import {
  AUTH_METHODS,
  authMethodOf,
  type SettingsSectionProps,
  withAuthMethod,
  withSecret,
  withSecretReset,
} from './configOptions';
import { PemSecretField } from './PemSecretField';

/** How Grafana's proxy proves who it is to the API server. Secrets are write-only: stored ones are never shown. */
export function AuthSettings({ options, onOptionsChange }: SettingsSectionProps) {
  const method = authMethodOf(options.jsonData);
  const secureFields = options.secureJsonFields ?? {};
  const secureData = options.secureJsonData ?? {};

  return (
    <FieldSet label="Authentication">
      <Field label="Method" description={AUTH_METHODS.find((m) => m.value === method)?.description}>
        <RadioButtonGroup
          aria-label="Authentication method"
          options={AUTH_METHODS.map(({ value, label }) => ({ value, label }))}
          value={method}
          onChange={(next) => onOptionsChange(withAuthMethod(options, next))}
        />
      </Field>

      {method === 'token' && (
        <Field
          label="Token"
          description="Create one with: kubectl -n kubeglance create token kubeglance --duration=8760h"
          htmlFor="kubeglance-token"
        >
          <SecretInput
            id="kubeglance-token"
            data-testid={TEST_IDS.configEditor.token}
            width={60}
            placeholder="Service-account token"
            isConfigured={Boolean(secureFields.token)}
            value={secureData.token ?? ''}
            onChange={(e) => onOptionsChange(withSecret(options, 'token', e.currentTarget.value))}
            onReset={() => onOptionsChange(withSecretReset(options, 'token'))}
          />
        </Field>
      )}

      {method === 'clientCert' && (
        <>
          <PemSecretField
            options={options}
            onOptionsChange={onOptionsChange}
            secret="tlsClientCert"
            expect="clientCert"
            label="Client certificate"
            description="PEM, begins with -----BEGIN CERTIFICATE-----"
            placeholder="-----BEGIN CERTIFICATE-----"
            testId={TEST_IDS.configEditor.clientCert}
          />
          <PemSecretField
            options={options}
            onOptionsChange={onOptionsChange}
            secret="tlsClientKey"
            expect="clientKey"
            label="Client key"
            description="PEM, the private key of the certificate above"
            placeholder="-----BEGIN PRIVATE KEY-----"
            testId={TEST_IDS.configEditor.clientKey}
          />
        </>
      )}

      {method === 'oauth' && (
        <Alert severity="info" title="Forward OAuth identity" data-testid={TEST_IDS.configEditor.oauthHint}>
          Grafana sends the signed-in user&apos;s OAuth access token to the API server. This works only for clusters
          whose API server trusts Grafana&apos;s identity provider through OIDC; each user then sees what their own
          Kubernetes RBAC allows.
        </Alert>
      )}
    </FieldSet>
  );
}
