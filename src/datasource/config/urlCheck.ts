/** What is wrong with a setting, and what to do about it. */
export interface SettingProblem {
  /** 'error' stops Save & test; 'warning' is said and the checks go on */
  severity: 'error' | 'warning';
  message: string;
  remedy: string;
}

/** `kubectl proxy` serves plain HTTP on loopback: nothing crosses a network there */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

const EXAMPLE = 'e.g. https://kubernetes.default.svc or the server line of your kubeconfig, https://10.0.0.1:6443';

/**
 * Checks the API server URL before it is saved or used. Grafana's proxy (pkg/api/datasource/validation)
 * silently puts "http://" in front of a URL without a scheme, which then speaks plain HTTP to a TLS port:
 * so a missing scheme is an error here, not a guess.
 */
export function checkApiServerUrl(raw: string | undefined): SettingProblem | undefined {
  const url = (raw ?? '').trim();
  if (url === '') {
    return { severity: 'error', message: 'The API server URL is empty.', remedy: `Enter it, ${EXAMPLE}.` };
  }
  if (/^["'].*["']$/.test(url)) {
    return { severity: 'error', message: 'The API server URL is in quotes.', remedy: 'Remove the quotes.' };
  }
  if (/\s/.test(url)) {
    return { severity: 'error', message: 'The API server URL contains spaces.', remedy: `Remove them, ${EXAMPLE}.` };
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    return {
      severity: 'error',
      message: `"${url}" has no scheme, so Grafana would speak plain HTTP to it.`,
      remedy: `Start it with https://, e.g. https://${url.replace(/^\/+/, '')}.`,
    };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { severity: 'error', message: `"${url}" is not a valid URL.`, remedy: `Check it, ${EXAMPLE}.` };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return {
      severity: 'error',
      message: `"${parsed.protocol}" is not a scheme the API server speaks.`,
      remedy: 'Use https://.',
    };
  }
  if (parsed.hostname === '') {
    return { severity: 'error', message: `"${url}" has no host name.`, remedy: `Check it, ${EXAMPLE}.` };
  }
  if (parsed.username || parsed.password) {
    return {
      severity: 'error',
      message: 'The API server URL contains a user name or password.',
      remedy: 'Remove them from the URL; use the token or client certificate settings below.',
    };
  }
  if (parsed.search || parsed.hash) {
    return {
      severity: 'error',
      message: 'The API server URL has a query string or fragment, which Kubernetes paths cannot follow.',
      remedy: 'Remove everything from "?" or "#" on.',
    };
  }
  if (parsed.protocol === 'http:' && !isLoopback(parsed.hostname)) {
    return {
      severity: 'warning',
      message: 'The API server URL uses plain HTTP: the token would cross the network unencrypted.',
      remedy: 'API servers listen on HTTPS; use https:// unless this is a local test proxy.',
    };
  }
  return undefined;
}
