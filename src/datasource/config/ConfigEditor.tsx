import React, { useState } from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Alert, Field, FieldSet, Input } from '@grafana/ui';

import { TEST_IDS } from '../../components/testIds';
import { checkApiServerUrl } from './urlCheck';
import { HealthProgressNote } from './HealthProgressNote';
import type { KubeDataSourceOptions, KubeSecureJsonData } from '../types';
import { AccessSettings } from './AccessSettings';
import { AuthSettings } from './AuthSettings';
import { TlsSettings } from './TlsSettings';

type Props = DataSourcePluginOptionsEditorProps<KubeDataSourceOptions, KubeSecureJsonData>;

/** The data source's settings page: where the API server is, how to reach it, and how hard to poll it. */
export function ConfigEditor({ options, onOptionsChange }: Props) {
  // an empty URL is only wrong once the user has been in the field (a new data source starts empty)
  const [urlTouched, setUrlTouched] = useState(Boolean(options.url));
  const urlProblem = urlTouched ? checkApiServerUrl(options.url) : undefined;
  const urlError = urlProblem?.severity === 'error' ? urlProblem : undefined;
  return (
    <>
      <FieldSet label="Connection">
        <Field
          label="API server URL"
          description="Inside the cluster: https://kubernetes.default.svc. Otherwise the server line of your kubeconfig, e.g. https://127.0.0.1:6443."
          htmlFor="kubeglance-url"
          required
          invalid={Boolean(urlError)}
          error={urlError && `${urlError.message} ${urlError.remedy}`}
        >
          <Input
            id="kubeglance-url"
            data-testid={TEST_IDS.configEditor.url}
            width={60}
            placeholder="https://kubernetes.default.svc"
            value={options.url}
            onBlur={() => setUrlTouched(true)}
            onChange={(e) => onOptionsChange({ ...options, url: e.currentTarget.value })}
          />
        </Field>
        {urlProblem?.severity === 'warning' && (
          <Alert severity="warning" title={urlProblem.message} data-testid={TEST_IDS.configEditor.urlWarning}>
            {urlProblem.remedy}
          </Alert>
        )}
      </FieldSet>
      <AuthSettings options={options} onOptionsChange={onOptionsChange} />
      <TlsSettings options={options} onOptionsChange={onOptionsChange} />
      <AccessSettings options={options} onOptionsChange={onOptionsChange} />
      <HealthProgressNote uid={options.uid} />
    </>
  );
}
