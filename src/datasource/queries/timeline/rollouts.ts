/**
 * Rollouts from a Deployment's ReplicaSets: each revision (deployment.kubernetes.io/revision) with its
 * template's images, compared with the revision before it; and a rollout stuck past its progress deadline.
 */
import { Condition, ObjectMeta } from '../../decode/apiTypes';
import { EventInfo } from '../../decode/eventObjects';
import { parseKubeTime } from '../../decode/kubeTime';
import { Mark } from './timelineTypes';

const REVISION = 'deployment.kubernetes.io/revision';

interface TemplateContainer {
  name?: string;
  image?: string;
}

/** apps/v1 ReplicaSet: what the rollouts read of it */
export interface ReplicaSetObject {
  metadata?: ObjectMeta;
  spec?: {
    template?: { metadata?: { labels?: Record<string, string> }; spec?: { containers?: TemplateContainer[] | null } };
  };
}

/** apps/v1 Deployment: its Progressing condition */
export interface DeploymentObject {
  metadata?: ObjectMeta;
  status?: { conditions?: Condition[] | null };
}

export interface Revision {
  namespace: string;
  deployment: string;
  replicaSet: string;
  revision: number;
  createdMs?: number;
  /** container name -> image, from the pod template */
  images: Map<string, string>;
  /** pod-template-hash: selects this revision's pods */
  templateHash?: string;
}

/** The ReplicaSets a Deployment controls, as revisions; others (and ones without a revision) are left out. */
export function readRevisions(items: readonly ReplicaSetObject[]): Revision[] {
  const out: Revision[] = [];
  for (const rs of items) {
    const meta = rs?.metadata;
    const owner = meta?.ownerReferences?.find((r) => r?.controller === true && r.kind === 'Deployment');
    const revision = Number(meta?.annotations?.[REVISION]);
    if (!meta?.name || !meta.namespace || !owner?.name || !Number.isInteger(revision)) {
      continue;
    }
    const images = new Map<string, string>();
    for (const c of rs.spec?.template?.spec?.containers ?? []) {
      if (c?.name && typeof c.image === 'string') {
        images.set(c.name, c.image);
      }
    }
    out.push({
      namespace: meta.namespace,
      deployment: owner.name,
      replicaSet: meta.name,
      revision,
      createdMs: parseKubeTime(meta.creationTimestamp),
      images,
      templateHash: meta.labels?.['pod-template-hash'] ?? rs.spec?.template?.metadata?.labels?.['pod-template-hash'],
    });
  }
  return out;
}

/** "app: shop/web:1.4 → shop/web:1.5" for each container whose image changed, was added or removed */
export function imageChanges(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [name, image] of after) {
    const old = before.get(name);
    if (old === undefined) {
      out.push(`${name}: added ${image}`);
    } else if (old !== image) {
      out.push(`${name}: ${old} → ${image}`);
    }
  }
  for (const [name, image] of before) {
    if (!after.has(name)) {
      out.push(`${name}: removed ${image}`);
    }
  }
  return out;
}

/** When a revision began: its ReplicaSet's creation, or (a rollback reuses an old one) its last scale-up. */
function revisionStart(r: Revision, previous: Revision, events: readonly EventInfo[]): number | undefined {
  if (r.createdMs !== undefined && (previous.createdMs === undefined || r.createdMs >= previous.createdMs)) {
    return r.createdMs;
  }
  const scaledUp = events.filter(
    (e) => e.reason === 'ScalingReplicaSet' && e.message?.startsWith(`Scaled up replica set ${r.replicaSet} `)
  );
  const times = scaledUp.map((e) => e.lastMs).filter((ms): ms is number => ms !== undefined);
  return times.length ? Math.max(...times) : undefined;
}

/** One mark per revision after the first: the revision, when it began and which images changed. */
export function rolloutMarks(revisions: readonly Revision[], events: readonly EventInfo[] = []): Mark[] {
  const byDeployment = new Map<string, Revision[]>();
  for (const r of revisions) {
    const key = `${r.namespace}/${r.deployment}`;
    const list = byDeployment.get(key) ?? [];
    list.push(r);
    byDeployment.set(key, list);
  }
  const marks: Mark[] = [];
  for (const [key, list] of byDeployment) {
    list.sort((a, b) => a.revision - b.revision);
    for (let i = 1; i < list.length; i++) {
      const r = list[i];
      const timeMs = revisionStart(r, list[i - 1], events);
      if (timeMs === undefined) {
        continue;
      }
      const changes = imageChanges(list[i - 1].images, r.images);
      const what = changes.length ? changes.join('; ') : 'template changed, same images';
      marks.push({
        timeMs,
        kind: 'rollout',
        title: `Rollout: ${key} revision ${r.revision}`,
        text: `${key} revision ${list[i - 1].revision} → ${r.revision} (ReplicaSet ${r.replicaSet}): ${what}`,
        tags: ['rollout', r.namespace, r.deployment],
        explore: r.templateHash
          ? { queryType: 'logs', namespace: r.namespace, labelSelector: `pod-template-hash=${r.templateHash}` }
          : undefined,
      });
    }
  }
  return marks;
}

/** A Deployment whose rollout passed its progress deadline: Progressing=False, ProgressDeadlineExceeded. */
export function stuckRolloutMarks(deployments: readonly DeploymentObject[]): Mark[] {
  const marks: Mark[] = [];
  for (const d of deployments) {
    const ns = d?.metadata?.namespace;
    const name = d?.metadata?.name;
    const progressing = d?.status?.conditions?.find((c) => c?.type === 'Progressing');
    const timeMs = parseKubeTime(progressing?.lastTransitionTime);
    if (!ns || !name || progressing?.status !== 'False' || timeMs === undefined) {
      continue;
    }
    const reason = progressing.reason ?? 'ProgressDeadlineExceeded';
    marks.push({
      timeMs,
      kind: 'stuckRollout',
      title: `Rollout stuck: ${ns}/${name}`,
      text: `${ns}/${name}: ${reason}${progressing.message ? `: ${progressing.message}` : ''}`,
      tags: ['rollout', 'stuck', ns, name],
      explore: { queryType: 'events', namespace: ns, involvedKind: 'Deployment', involvedName: name },
    });
  }
  return marks;
}
