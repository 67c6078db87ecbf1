import { containerSizingFrame, namespaceSizingFrame } from './rightsizingFrame';
import { SizingRow } from './sizingRows';

const MiB = 2 ** 20;

const row: SizingRow = {
  namespace: 'shop',
  pod: 'web-1',
  container: 'app',
  sidecar: false,
  workload: 'Deployment/web',
  cpu: { p50: 0.1, p95: 0.2, max: 0.3, samples: 12 },
  current: { memoryRequest: 512 * MiB },
  suggestion: { cpuRequest: 0.23, memoryRequest: 256 * MiB, note: 'why' },
};

describe('right-sizing frames', () => {
  it('gives CPU in cores and memory in bytes, absent values as empty cells', () => {
    const frame = containerSizingFrame([row], 'A', []);
    const f = (name: string) => frame.fields.find((x) => x.name === name)!;
    expect(f('cpuP95').config.unit).toBe('suffix: cores');
    expect(f('memoryRequest').config.unit).toBe('bytes');
    expect(f('samples').values).toEqual([12]);
    expect(f('memoryP95').values).toEqual([null]);
    expect(f('cpuRequest').values).toEqual([null]);
    // no CPU request now: the whole suggestion is missing
    expect(f('cpuRequestChange').values).toEqual([0.23]);
    expect(f('memoryRequestChange').values).toEqual([-256 * MiB]);
    expect(f('command').values).toEqual([null]);
    expect(f('note').values).toEqual(['why']);
  });

  it('gives per namespace what is freed, below zero when missing', () => {
    const frame = namespaceSizingFrame(
      [
        {
          namespace: 'shop',
          containers: 2,
          cpuRequested: 0.3,
          cpuSuggested: 0.1,
          memoryRequested: 100,
          memorySuggested: 300,
          overProvisioned: 1,
          underProvisioned: 1,
        },
      ],
      'A',
      []
    );
    const f = (name: string) => frame.fields.find((x) => x.name === name)!.values[0];
    expect(f('cpuFreed')).toBe(0.2);
    expect(f('memoryFreed')).toBe(-200);
  });
});
