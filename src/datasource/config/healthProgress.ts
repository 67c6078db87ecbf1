/**
 * One step of Save & test as it starts: health/ publishes it, and the config editor, which sits above Grafana's
 * button, shows it.
 */
export interface HealthProgress {
  title: string;
  /** 1-based */
  index: number;
  total: number;
}

type Listener = (progress: HealthProgress | undefined) => void;

// The data source instance that runs the test and the config editor that shows it live in one plugin
// module, so a module-level registry keyed by data source uid connects them without Grafana's help.
const listeners = new Map<string, Set<Listener>>();

export function subscribeHealthProgress(uid: string, listener: Listener): () => void {
  const set = listeners.get(uid) ?? new Set<Listener>();
  set.add(listener);
  listeners.set(uid, set);
  return () => {
    set.delete(listener);
    if (set.size === 0) {
      listeners.delete(uid);
    }
  };
}

/** `undefined` says the test finished. */
export function publishHealthProgress(uid: string, progress: HealthProgress | undefined): void {
  for (const listener of listeners.get(uid) ?? []) {
    listener(progress);
  }
}
