export type StepId = 'settings' | 'api' | 'auth' | 'permissions' | 'writes' | 'metrics' | 'logs' | 'kubelet';
export type StepStatus = 'ok' | 'warning' | 'error' | 'skipped';

export interface StepResult {
  step: StepId;
  status: StepStatus;
  text: string;
}

export interface HealthReport {
  /** Grafana shows 'warning' as a yellow alert (an AlertVariant), the others as green and red */
  status: 'success' | 'warning' | 'error';
  message: string;
  details: { message: string; verboseMessage: string };
  steps: StepResult[];
}

const MARK: Record<StepStatus, string> = { ok: '✓', warning: '!', error: '✗', skipped: '–' };

/** One line per step, failures and warnings first in the head, so the popup says what to fix. */
export function buildReport(steps: StepResult[], version: string | undefined): HealthReport {
  const errors = steps.filter((s) => s.status === 'error');
  const warnings = steps.filter((s) => s.status === 'warning');
  const ran = steps.filter((s) => s.status !== 'skipped');
  const lines = steps.map((s) => `${MARK[s.status]} ${s.text}`);
  const where = version ? `Kubernetes ${version}` : 'the API server';
  let head: string;
  if (errors.length) {
    head = `${errors.length} of ${steps.length} checks failed.`;
  } else if (warnings.length) {
    head = `Connected to ${where}, with ${warnings.length === 1 ? 'a warning' : `${warnings.length} warnings`}.`;
  } else {
    head = `Connected to ${where}: all ${ran.length} checks passed.`;
  }
  return {
    status: errors.length ? 'error' : warnings.length ? 'warning' : 'success',
    message: [head, ...lines].join('\n'),
    details: {
      message: [...errors, ...warnings].map((s) => s.text).join('\n') || head,
      verboseMessage: lines.join('\n'),
    },
    steps,
  };
}
