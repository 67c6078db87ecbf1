import React, { useState } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { TEST_IDS } from '../../components/testIds';
import type { KubeDataSourceOptions } from '../types';
import type { KubeSettings } from './configOptions';
import { ConfigEditor } from './ConfigEditor';

function settings(jsonData: KubeDataSourceOptions = {}, extra: Partial<KubeSettings> = {}): KubeSettings {
  return {
    id: 1,
    uid: 'kube',
    orgId: 1,
    name: 'Kubernetes',
    typeLogoUrl: '',
    type: 'kubeglance-kubernetes-datasource',
    typeName: 'Kubeglance Kubernetes',
    access: 'proxy',
    url: '',
    user: '',
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- still a required key of DataSourceSettings
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    jsonData,
    secureJsonFields: {},
    readOnly: false,
    withCredentials: false,
    ...extra,
  };
}

/** Renders the editor the way Grafana does: it owns the settings and hands every change back. */
function renderEditor(initial: KubeSettings) {
  const onOptionsChange = jest.fn<void, [KubeSettings]>();
  function Host() {
    const [options, setOptions] = useState(initial);
    return (
      <ConfigEditor
        options={options}
        onOptionsChange={(next) => {
          onOptionsChange(next);
          setOptions(next);
        }}
      />
    );
  }
  render(<Host />);
  const latest = (): KubeSettings => {
    const call = onOptionsChange.mock.lastCall;
    if (!call) {
      throw new Error('onOptionsChange was not called');
    }
    return call[0];
  };
  return { onOptionsChange, latest };
}

describe('ConfigEditor', () => {
  it('writes the API server URL to options.url', async () => {
    const { latest } = renderEditor(settings());
    await userEvent.type(screen.getByTestId(TEST_IDS.configEditor.url), 'https://127.0.0.1:6443');
    expect(latest().url).toBe('https://127.0.0.1:6443');
  });

  it('never shows a stored token, only that one is configured', () => {
    renderEditor(
      settings(
        { authMethod: 'token' },
        { secureJsonFields: { token: true }, secureJsonData: { token: 'stored-s3cret' } }
      )
    );
    const input = screen.getByTestId(TEST_IDS.configEditor.token);
    expect(input).toHaveValue('configured');
    expect(input).toBeDisabled();
    expect(screen.queryByDisplayValue('stored-s3cret')).not.toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain('stored-s3cret');
  });

  it('reset forgets the stored token and lets a new one be typed', async () => {
    const { latest } = renderEditor(settings({ authMethod: 'token' }, { secureJsonFields: { token: true } }));
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(latest().secureJsonFields.token).toBe(false);
    expect(latest().secureJsonData?.token).toBe('');

    const input = screen.getByTestId(TEST_IDS.configEditor.token);
    expect(input).toHaveAttribute('type', 'password');
    await userEvent.type(input, 'new-token');
    expect(latest().secureJsonData?.token).toBe('new-token');
  });

  it('sets tlsAuth and oauthPassThru to match the chosen authentication method', async () => {
    const { latest } = renderEditor(settings());

    await userEvent.click(screen.getByRole('radio', { name: 'Client certificate' }));
    expect(latest().jsonData).toMatchObject({ authMethod: 'clientCert', tlsAuth: true, oauthPassThru: false });
    expect(screen.getByTestId(TEST_IDS.configEditor.clientCert)).toBeInTheDocument();
    expect(screen.getByTestId(TEST_IDS.configEditor.clientKey)).toBeInTheDocument();
    expect(screen.queryByTestId(TEST_IDS.configEditor.token)).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('radio', { name: 'Forward OAuth identity' }));
    expect(latest().jsonData).toMatchObject({ authMethod: 'oauth', tlsAuth: false, oauthPassThru: true });
    expect(screen.getByTestId(TEST_IDS.configEditor.oauthHint)).toHaveTextContent(/OIDC/);

    await userEvent.click(screen.getByRole('radio', { name: 'Service-account token' }));
    expect(latest().jsonData).toMatchObject({ authMethod: 'token', tlsAuth: false, oauthPassThru: false });
  });

  it('shows settings saved with only the Grafana flags as the matching method', () => {
    renderEditor(settings({ tlsAuth: true }, { secureJsonFields: { tlsClientCert: true, tlsClientKey: true } }));
    expect(screen.getByRole('radio', { name: 'Client certificate' })).toBeChecked();
    expect(screen.getByTestId(TEST_IDS.configEditor.clientCert)).toHaveValue('configured');
    expect(screen.getByTestId(TEST_IDS.configEditor.clientKey)).toHaveValue('configured');
  });

  it('resets a stored client key without touching the certificate', async () => {
    const { latest } = renderEditor(
      settings(
        { authMethod: 'clientCert', tlsAuth: true },
        { secureJsonFields: { tlsClientCert: true, tlsClientKey: true } }
      )
    );
    const resets = screen.getAllByRole('button', { name: 'Reset' });
    expect(resets).toHaveLength(2);
    await userEvent.click(resets[1]);
    expect(latest().secureJsonFields).toEqual({ tlsClientCert: true, tlsClientKey: false });
    expect(latest().secureJsonData).toEqual({ tlsClientKey: '' });
  });

  it('asks for the CA certificate only when a custom CA is on', async () => {
    const { latest } = renderEditor(settings());
    expect(screen.queryByTestId(TEST_IDS.configEditor.caCert)).not.toBeInTheDocument();
    await userEvent.click(screen.getByTestId(TEST_IDS.configEditor.caCertSwitch));
    expect(latest().jsonData.tlsAuthWithCACert).toBe(true);
    fireEvent.change(screen.getByTestId(TEST_IDS.configEditor.caCert), {
      target: { value: '-----BEGIN CERTIFICATE-----' },
    });
    expect(latest().secureJsonData?.tlsCACert).toBe('-----BEGIN CERTIFICATE-----');
  });

  it('writes the TLS server name', async () => {
    const { latest } = renderEditor(settings());
    await userEvent.type(screen.getByTestId(TEST_IDS.configEditor.serverName), 'kubernetes');
    expect(latest().jsonData.serverName).toBe('kubernetes');
  });

  it('warns that the token can be read when TLS verification is skipped', async () => {
    const { latest } = renderEditor(settings());
    expect(screen.queryByTestId(TEST_IDS.configEditor.skipVerifyWarning)).not.toBeInTheDocument();

    await userEvent.click(screen.getByTestId(TEST_IDS.configEditor.skipVerify));
    expect(latest().jsonData.tlsSkipVerify).toBe(true);
    expect(screen.getByTestId(TEST_IDS.configEditor.skipVerifyWarning)).toHaveTextContent(
      /anyone between Grafana and the API server can read the token/
    );

    await userEvent.click(screen.getByTestId(TEST_IDS.configEditor.skipVerify));
    expect(latest().jsonData.tlsSkipVerify).toBe(false);
    expect(screen.queryByTestId(TEST_IDS.configEditor.skipVerifyWarning)).not.toBeInTheDocument();
  });

  it('leaves kubelet access off until it is switched on, and says what it needs', async () => {
    const { latest } = renderEditor(settings());
    const kubelet = screen.getByTestId(TEST_IDS.configEditor.kubeletAccess);
    expect(kubelet).not.toBeChecked();
    expect(screen.getByText(/nodes\/proxy/)).toBeInTheDocument();

    await userEvent.click(kubelet);
    expect(latest().jsonData.kubeletAccess).toBe(true);
    expect(kubelet).toBeChecked();
  });

  it('explains an out-of-range polling interval', async () => {
    const { latest } = renderEditor(settings());
    const input = screen.getByTestId(TEST_IDS.configEditor.pollInterval);
    expect(input).toHaveAttribute('placeholder', '15');

    await userEvent.type(input, '2');
    expect(latest().jsonData.pollIntervalSeconds).toBe(2);
    expect(screen.getByText('Must be at least 5.')).toBeInTheDocument();

    await userEvent.clear(input);
    await userEvent.type(input, '30');
    expect(latest().jsonData.pollIntervalSeconds).toBe(30);
    expect(screen.queryByText('Must be at least 5.')).not.toBeInTheDocument();
  });

  it('explains an out-of-range fan-out concurrency, and an empty box means the default', async () => {
    const { latest } = renderEditor(settings({ fanOutConcurrency: 3 }));
    const input = screen.getByTestId(TEST_IDS.configEditor.fanOutConcurrency);

    await userEvent.clear(input);
    expect(latest().jsonData.fanOutConcurrency).toBeUndefined();
    // Grafana's frontend runs 5 data-proxy requests at once: more would only queue
    await userEvent.type(input, '6');
    expect(screen.getByText('Must be at most 5.')).toBeInTheDocument();

    await userEvent.clear(input);
    await userEvent.type(input, '0');
    expect(screen.getByText('Must be at least 1.')).toBeInTheDocument();
  });

  it('keeps a history length between one minute and a day', async () => {
    const { latest } = renderEditor(settings());
    const input = screen.getByTestId(TEST_IDS.configEditor.historyMinutes);
    expect(input).toHaveAttribute('placeholder', '60');

    await userEvent.type(input, '1441');
    expect(latest().jsonData.historyMinutes).toBe(1441);
    expect(screen.getByText('Must be at most 1440.')).toBeInTheDocument();

    await userEvent.clear(input);
    await userEvent.type(input, '120');
    expect(latest().jsonData.historyMinutes).toBe(120);
    expect(screen.queryByText('Must be at most 1440.')).not.toBeInTheDocument();
  });
});

describe('ConfigEditor checks what is typed before it is saved', () => {
  it('says a URL without a scheme would be spoken to in plain HTTP, and how to fix it', async () => {
    renderEditor(settings());
    const url = screen.getByTestId(TEST_IDS.configEditor.url);
    await userEvent.type(url, '10.0.0.1:6443');
    await userEvent.tab();
    expect(screen.getByText(/has no scheme.*https:\/\/10\.0\.0\.1:6443/)).toBeInTheDocument();
    await userEvent.clear(url);
    await userEvent.type(url, 'https://10.0.0.1:6443');
    expect(screen.queryByText(/has no scheme/)).not.toBeInTheDocument();
  });

  it('does not call a new, untouched URL field wrong, but does once it is left empty', async () => {
    renderEditor(settings());
    expect(screen.queryByText(/URL is empty/)).not.toBeInTheDocument();
    await userEvent.click(screen.getByTestId(TEST_IDS.configEditor.url));
    await userEvent.tab();
    expect(screen.getByText(/URL is empty/)).toBeInTheDocument();
  });

  it('warns about plain HTTP without refusing it', () => {
    renderEditor(settings({}, { url: 'http://10.0.0.1:8080' }));
    expect(screen.getByTestId(TEST_IDS.configEditor.urlWarning)).toHaveTextContent(/unencrypted/);
  });

  it('says a pasted key is not the certificate, and base64 of a PEM block must be decoded', () => {
    renderEditor(settings({ authMethod: 'clientCert', tlsAuth: true, tlsAuthWithCACert: true }));
    fireEvent.change(screen.getByTestId(TEST_IDS.configEditor.clientCert), {
      target: { value: '-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----' },
    });
    expect(screen.getByText(/client certificate field holds a private key/)).toBeInTheDocument();
    const base64Pem = btoa('-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n');
    fireEvent.change(screen.getByTestId(TEST_IDS.configEditor.caCert), { target: { value: base64Pem } });
    expect(screen.getByText(/base64-encoded PEM.*base64 -d/)).toBeInTheDocument();
  });
});
