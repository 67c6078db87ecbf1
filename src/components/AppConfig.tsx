import React from 'react';
import { css } from '@emotion/css';
import type { AppPluginMeta, GrafanaTheme2, PluginConfigPageProps } from '@grafana/data';
import { Alert, Stack, Text, useStyles2 } from '@grafana/ui';

import { TEST_IDS } from './testIds';

export type AppConfigProps = PluginConfigPageProps<AppPluginMeta<{}>>;

/*
 * The commands below name the manifests in provisioning/kubernetes/ of the plugin's repository and the
 * service account they create; keep them in step with those files.
 */
const NAMESPACE = 'kubeglance';
const SERVICE_ACCOUNT = 'kubeglance';
const MANIFESTS = 'provisioning/kubernetes';

const APPLY_READ = `kubectl apply -f ${MANIFESTS}/rbac-read.yaml`;
const APPLY_LOGS = `kubectl apply -f ${MANIFESTS}/rbac-logs.yaml`;
const APPLY_KUBELET = `kubectl apply -f ${MANIFESTS}/rbac-kubelet.yaml`;
const CREATE_TOKEN = `kubectl -n ${NAMESPACE} create token ${SERVICE_ACCOUNT} --duration=8760h`;
const API_SERVER = `kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}'`;
const CA_CERT = `kubectl config view --minify --raw -o jsonpath='{.clusters[0].cluster.certificate-authority-data}' | base64 -d`;

/** The app's only page: how to give the data source access to a cluster. Static text, no settings. */
export function AppConfig(_props: AppConfigProps) {
  const styles = useStyles2(getStyles);

  return (
    <div data-testid={TEST_IDS.appConfig.root}>
      <Stack direction="column" gap={3}>
        <Text element="p">
          Kubeglance reads the cluster through its API server, using Grafana&apos;s data-source proxy. Nothing runs in
          the cluster; the data source needs only an identity with read access. Set it up in three steps.
        </Text>

        <section>
          <Text element="h3">1. Grant read access</Text>
          <Text element="p">
            The manifests in <code>{MANIFESTS}/</code> create the <code>{SERVICE_ACCOUNT}</code> service account in the{' '}
            <code>{NAMESPACE}</code> namespace and bind it to roles in tiers. Apply only the tiers you need.
          </Text>
          <ul className={styles.list}>
            <li>
              <strong>Objects and metrics</strong> (required): <code>get</code>/<code>list</code> on nodes, pods,
              namespaces and events, and on <code>metrics.k8s.io</code> nodes and pods.
            </li>
            <li>
              <strong>Logs</strong> (for the pod-logs panel): <code>get</code> on <code>pods/log</code>. Logs can
              contain secrets; grant it only where the viewers may read them.
            </li>
            <li>
              <strong>Kubelet</strong> (opt-in, risky): <code>get</code> on <code>nodes/proxy</code>, for kubelet stats
              and metrics. This opens the whole kubelet API, including the endpoints that run commands in containers.
              Enable &quot;Kubelet access&quot; in the data source only after applying it.
            </li>
          </ul>
          <pre className={styles.code}>
            {[APPLY_READ, APPLY_LOGS, `# only if you accept the risk:\n${APPLY_KUBELET}`].join('\n')}
          </pre>
        </section>

        <section>
          <Text element="h3">2. Create a token</Text>
          <Text element="p">
            A token for the service account. The API server may cap its lifetime; create a new one before it expires, or
            use a long-lived service-account token Secret.
          </Text>
          <pre className={styles.code}>{CREATE_TOKEN}</pre>
        </section>

        <section>
          <Text element="h3">3. Add the data source</Text>
          <Text element="p">
            In Connections, add a <strong>Kubeglance Kubernetes</strong> data source. Enter the API server URL (
            <code>https://kubernetes.default.svc</code> when Grafana runs in the cluster), paste the token, and add the
            cluster&apos;s CA certificate under TLS. From outside the cluster, your kubeconfig holds both:
          </Text>
          <pre className={styles.code}>{[API_SERVER, CA_CERT].join('\n')}</pre>
          <Text element="p">
            Save &amp; test then checks, one by one, that the API server answers, accepts the credentials and serves the
            metrics API, and, when kubelet access is on, that the node proxy works.
          </Text>
        </section>

        <Alert severity="info" title="Secrets stay on the server">
          The token, keys and certificates are stored encrypted by Grafana and added to requests by its proxy; they are
          never sent to the browser.
        </Alert>
      </Stack>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({
    paddingLeft: theme.spacing(3),
    marginBottom: theme.spacing(2),
    'li + li': { marginTop: theme.spacing(1) },
  }),
  code: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(1, 2),
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    margin: 0,
  }),
});
