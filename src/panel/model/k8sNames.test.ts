import { firstString, lookupPath, POD_KEYS } from './k8sNames';

describe('lookupPath', () => {
  it('finds dotted keys, nested objects and mixes of both', () => {
    expect(lookupPath({ 'kubernetes.pod_name': 'a' }, 'kubernetes.pod_name')).toBe('a');
    expect(lookupPath({ kubernetes: { pod: { name: 'b' } } }, 'kubernetes.pod.name')).toBe('b');
    expect(lookupPath({ kubernetes: { 'pod.name': 'c' } }, 'kubernetes.pod.name')).toBe('c');
    expect(lookupPath({ kubernetes: 'flat' }, 'kubernetes.pod.name')).toBeUndefined();
    expect(lookupPath(null, 'a')).toBeUndefined();
  });

  it('takes the first non-empty string among the known names', () => {
    expect(firstString({ pod: '', k8s_pod_name: 'otel-pod' }, POD_KEYS)).toBe('otel-pod');
    expect(firstString({ pod: 3 }, POD_KEYS)).toBe('');
  });
});
