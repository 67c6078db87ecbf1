/** PersistentVolumeClaims Pending or Lost (the mixin's KubePersistentVolumeErrors, seen from the claim). */
import { EventIndex, eventKey } from './riskEvents';
import { Finding, PvcObject } from './riskTypes';
import { clean, lasting, metaOf, settled } from './riskWords';
import { parseKubeTime } from '../../decode/kubeTime';

export function pvcFindings(pvc: PvcObject, events: EventIndex, nowMs: number): Finding[] {
  const meta = metaOf(pvc);
  const phase = pvc.status?.phase;
  if (!meta || (phase !== 'Pending' && phase !== 'Lost')) {
    return [];
  }
  const base = { kind: 'PersistentVolumeClaim', namespace: meta.namespace, object: meta.name };
  const sinceMs = parseKubeTime(pvc.metadata?.creationTimestamp);
  if (phase === 'Lost') {
    return [
      {
        ...base,
        severity: 'critical',
        check: 'KubePersistentVolumeErrors',
        sinceMs,
        reason:
          'Lost: its PersistentVolume is gone; the data it held is not reachable. Restore the volume or recreate the claim.',
      },
    ];
  }
  const event = events.get(eventKey('PersistentVolumeClaim', meta.namespace, meta.name));
  const message = event?.message ? `${event.reason ? `${event.reason}: ` : ''}${clean(event.message)}` : '';
  const waitsForPod = event?.reason === 'WaitForFirstConsumer';
  const cls = pvc.spec?.storageClassName;
  const classText = typeof cls === 'string' && cls ? `storage class ${cls}` : 'no storage class';
  return [
    {
      ...base,
      severity: waitsForPod || !settled(sinceMs, nowMs) ? 'info' : 'warning',
      check: 'KubePersistentVolumeErrors',
      sinceMs,
      reason: waitsForPod
        ? `Pending${lasting(sinceMs, nowMs)}: binds when a pod uses it (WaitForFirstConsumer).`
        : `Pending${lasting(sinceMs, nowMs)}, not bound (${classText})${message ? `: ${message}` : ''}. ` +
          'Check that the storage class exists and its provisioner runs, or create a matching PersistentVolume.',
    },
  ];
}
