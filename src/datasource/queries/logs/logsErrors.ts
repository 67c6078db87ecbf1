/**
 * The pod-log API's refusals in words a user can act on. The API server relays the kubelet's reasons as 400
 * text (kubelet_pods.go validateContainerLogStatus); the generic KubeError keeps that text, this file names
 * the pod and container and says what to do. 403s are left as they are: errors.ts already names `get pods/log`
 * and the RBAC rule to add.
 */
import { KubeError } from '../../kube/errors';

/** Which stream a failure belongs to. */
export interface LogSubject {
  namespace: string;
  pod: string;
  container?: string;
  node?: string;
}

const MUST_CHOOSE = /a container name must be specified for pod (\S+?)(?:, choose one of: \[([^\]]*)\])?$/;
const NOT_VALID = /container (\S+) is not valid for pod (\S+)/;
const NO_PREVIOUS = /previous terminated container "([^"]+)" in pod "([^"]+)" not found/;
const WAITING = /container "([^"]+)" in pod "([^"]+)" is waiting to start: (.*)$/;
const POD_NOT_FOUND = /pods "([^"]+)" not found/;
const KUBELET_DIAL = /Get "https:\/\/[^"]*:10250\/containerLogs\/[^"]*": (.*)$/;

function rewrite(err: KubeError, message: string, remedy: string): KubeError {
  return new KubeError({
    kind: err.kind,
    status: err.status,
    path: err.path,
    reason: err.reason,
    namespace: err.namespace,
    message,
    remedy,
    cause: err,
  });
}

/** The message for a pod that does not exist (any more). */
export function podGoneError(subject: LogSubject, path?: string): KubeError {
  return new KubeError({
    kind: 'notFound',
    status: 404,
    path,
    reason: 'NotFound',
    message: `Pod ${subject.namespace}/${subject.pod} no longer exists`,
    remedy:
      "Pods of a Deployment get new names when they are replaced: pick the pod again, or use the workload's label selector to follow all its pods.",
  });
}

/** A failed log read (or pod read) as a KubeError whose message names the pod and container and what to do. */
export function logReadError(err: KubeError, subject: LogSubject): KubeError {
  const text = err.message;
  const where = `${subject.namespace}/${subject.pod}`;
  if (err.kind === 'notFound' && (POD_NOT_FOUND.test(text) || err.resource === 'pods')) {
    return podGoneError(subject, err.path);
  }
  if (err.kind !== 'badRequest' && err.kind !== 'serverError') {
    return err;
  }
  let m = MUST_CHOOSE.exec(text);
  if (m) {
    const names = (m[2] ?? '').split(' ').filter(Boolean);
    return rewrite(
      err,
      names.length
        ? `Pod ${where} has several containers: ${names.join(', ')}`
        : `Pod ${where} has no containers to read`,
      names.length ? 'Choose one, or leave Container empty for all.' : 'Check the pod spec (kubectl get pod -o yaml).'
    );
  }
  m = NOT_VALID.exec(text);
  if (m) {
    return rewrite(
      err,
      `Pod ${where} has no container ${m[1]}`,
      'Check the container name (kubectl get pod -o jsonpath="{.spec.containers[*].name}"), or leave Container empty for all.'
    );
  }
  m = NO_PREVIOUS.exec(text);
  if (m) {
    return rewrite(
      err,
      `Container ${m[1]} of pod ${where} has no previous instance: it has not restarted`,
      'Turn off "Previous instance" to read the running one.'
    );
  }
  m = WAITING.exec(text);
  if (m) {
    return rewrite(
      err,
      `Container ${m[1]} of pod ${where} is waiting to start (${m[3]}) and has written no log yet`,
      `Check why it does not start: kubectl -n ${subject.namespace} describe pod ${subject.pod}.`
    );
  }
  m = KUBELET_DIAL.exec(text);
  if (m) {
    const node = subject.node ? `node ${subject.node}` : 'its node';
    return rewrite(
      err,
      `The API server could not reach the kubelet on ${node} to read the log of ${where}: ${m[1]}`,
      `Check that ${node} is Ready (kubectl get nodes) and that the API server can reach its kubelet port (10250).`
    );
  }
  return err;
}
