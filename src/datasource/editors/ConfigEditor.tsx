import React from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Field, FieldSet, Input } from '@grafana/ui';

import { TEST_IDS } from '../../components/testIds';
import type { KubeDataSourceOptions, KubeSecureJsonData } from '../types';
import { AccessSettings } from './AccessSettings';
import { AuthSettings } from './AuthSettings';
import { TlsSettings } from './TlsSettings';

type Props = DataSourcePluginOptionsEditorProps<KubeDataSourceOptions, KubeSecureJsonData>;

/** The data source's settings page: where the API server is, how to reach it, and how hard to poll it. */
export function ConfigEditor({ options, onOptionsChange }: Props) {
  return (
    <>
      <FieldSet label="Connection">
        <Field
          label="API server URL"
          description="Inside the cluster: https://kubernetes.default.svc. Otherwise the server line of your kubeconfig, e.g. https://127.0.0.1:6443."
          htmlFor="kubeglance-url"
          required
        >
          <Input
            id="kubeglance-url"
            data-testid={TEST_IDS.configEditor.url}
            width={60}
            placeholder="https://kubernetes.default.svc"
            value={options.url}
            onChange={(e) => onOptionsChange({ ...options, url: e.currentTarget.value })}
          />
        </Field>
      </FieldSet>
      <AuthSettings options={options} onOptionsChange={onOptionsChange} />
      <TlsSettings options={options} onOptionsChange={onOptionsChange} />
      <AccessSettings options={options} onOptionsChange={onOptionsChange} />
    </>
  );
}
