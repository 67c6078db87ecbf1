import { describeKubeError, kubeErrorFromResponse } from '../../kube/errors';
import { logReadError } from './logsErrors';

const PATH = '/api/v1/namespaces/shop/pods/web-1/log';
const SUBJECT = { namespace: 'shop', pod: 'web-1', container: 'app', node: 'node-2' };

function status(code: number, reason: string, message: string) {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code });
}

const say = (code: number, reason: string, message: string) =>
  describeKubeError(logReadError(kubeErrorFromResponse(code, status(code, reason, message), PATH), SUBJECT));

describe('pod log errors', () => {
  it('says the pod no longer exists', () => {
    expect(say(404, 'NotFound', 'pods "web-1" not found')).toMatch(
      /^Pod shop\/web-1 no longer exists\. .*label selector/
    );
  });

  it('lists the containers to choose from', () => {
    expect(
      say(400, 'BadRequest', 'a container name must be specified for pod web-1, choose one of: [init app sidecar]')
    ).toBe('Pod shop/web-1 has several containers: init, app, sidecar. Choose one, or leave Container empty for all.');
  });

  it('says a container has not restarted', () => {
    expect(say(400, 'BadRequest', 'previous terminated container "app" in pod "web-1" not found')).toMatch(
      /^Container app of pod shop\/web-1 has no previous instance: it has not restarted\./
    );
  });

  it('says a container is waiting to start, and why', () => {
    expect(
      say(400, 'BadRequest', 'container "app" in pod "web-1" is waiting to start: trying and failing to pull image')
    ).toMatch(
      /^Container app of pod shop\/web-1 is waiting to start \(trying and failing to pull image\).*describe pod web-1/
    );
  });

  it('names a container the pod does not have', () => {
    expect(say(400, 'BadRequest', 'container nope is not valid for pod web-1')).toMatch(
      /^Pod shop\/web-1 has no container nope\./
    );
  });

  it('names the node whose kubelet is unreachable', () => {
    expect(
      say(
        500,
        'InternalError',
        'Get "https://10.0.0.3:10250/containerLogs/shop/web-1/app": dial tcp 10.0.0.3:10250: connect: connection refused'
      )
    ).toMatch(/kubelet on node node-2 .*connection refused/);
  });

  it('leaves the RBAC denial as errors.ts words it, naming get pods/log', () => {
    const text = say(
      403,
      'Forbidden',
      'pods "web-1" is forbidden: User "system:serviceaccount:kubeglance:kubeglance" cannot get resource "pods/log" in API group "" in the namespace "shop"'
    );
    expect(text).toContain('get pods/log');
    expect(text).toContain('resources: ["pods/log"]');
  });
});
