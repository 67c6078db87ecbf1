/**
 * Reads how the demo stack's files refer to each other (credential files, environment variables, ports),
 * so a test can check that what one file expects, another provides.
 */

/** The shared volume where the bootstrap writes tokens and the CA, as every consumer mounts it. */
export const CREDENTIALS_DIR = '/var/lib/kubeglance';

/** File names the bootstrap writes: the last argument of each `write_secret NAMESPACE SECRET KEY FILE`. */
export function bootstrapOutputs(script: string): string[] {
  const out: string[] = [];
  for (const m of script.matchAll(/^\s*(?:retry \d+ )?write_secret\s+\S+\s+\S+\s+\S+\s+(\S+)\s*$/gm)) {
    out.push(m[1]);
  }
  return out;
}

/** Files under the credentials directory that a text refers to. */
export function credentialFiles(text: string): string[] {
  const re = new RegExp(`${CREDENTIALS_DIR.replace(/\//g, '\\/')}\\/([A-Za-z0-9._-]+)`, 'g');
  return Array.from(new Set(Array.from(text.matchAll(re), (m) => m[1])));
}

/** Environment variables a Grafana provisioning file expands: $VAR, ${VAR} and $__env{VAR}. */
export function provisioningEnvVars(text: string): string[] {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line)) {
      continue;
    }
    for (const m of line.matchAll(/\$(?:__env\{(\w+)\}|\{(\w+)\}|([A-Za-z_]\w*))/g)) {
      const name = m[1] ?? m[2] ?? m[3];
      if (!name.startsWith('__')) {
        names.add(name);
      }
    }
  }
  return Array.from(names);
}

/** The manifest paths `kubectl apply -f` is given in a script, relative to $MANIFESTS. */
export function appliedManifests(script: string): string[] {
  return Array.from(script.matchAll(/-f "\$MANIFESTS\/([^"]+)"/g), (m) => m[1]);
}
