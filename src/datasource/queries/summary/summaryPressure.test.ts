/** @jest-environment node */
import { DataFrame } from '@grafana/data';
import fs from 'fs';
import path from 'path';

import { decodeSummary } from './summaryDecode';
import { summaryFrame } from './summaryFrame';
import { summarySamples } from './summarySamples';
import { SummaryScope } from '../../types';

const read = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const WITH = decodeSummary(read('summary_psi_swap.json'));
const BEFORE = decodeSummary(read('summary_before_psi.json'));
const ALL = { namespaces: [], podNames: [] };

const frame = (scope: SummaryScope, snapshot = WITH) => summaryFrame(scope, [snapshot], ALL, 'A');
const field = (f: DataFrame, name: string) => {
  const x = f.fields.find((y) => y.name === name);
  if (!x) {
    throw new Error(`no field ${name} in ${f.fields.map((y) => y.name).join(', ')}`);
  }
  return x;
};
const cell = (f: DataFrame, name: string, row = 0) => field(f, name).values[row];
const names = (f: DataFrame) => f.fields.map((x) => x.name);

describe('decoding PSI and swap as a 1.36 kubelet writes them', () => {
  it('reads psi some/full for cpu, memory and io at every level, totals exact in microseconds', () => {
    expect(WITH.node.memory?.psi?.some).toEqual({
      total: BigInt(96551230411),
      avg10: 18.24,
      avg60: 15.6,
      avg300: 12.33,
    });
    expect(WITH.node.cpu?.psi?.full).toEqual({ total: BigInt(0), avg10: 0, avg60: 0, avg300: 0 });
    expect(WITH.node.io?.psi?.full?.avg60).toBe(2.71);
    expect(WITH.pods[0].io?.psi?.some?.total).toBe(BigInt(3360001234));
    const redis = WITH.containers.find((c) => c.container === 'redis')!;
    expect(redis.memory?.psi?.full?.avg10).toBe(11.02);
    expect(redis.swap).toEqual({
      timeMs: Date.parse('2026-12-01T10:00:03Z'),
      swapAvailableBytes: 67108864,
      swapUsageBytes: 201326592,
    });
    expect(WITH.node.systemContainers[0].cpu?.psi?.some?.avg10).toBe(0.02);
  });

  it('reads nothing of the kind from a kubelet without them', () => {
    expect(BEFORE.node.cpu?.psi).toBeUndefined();
    expect(BEFORE.node.io).toBeUndefined();
    expect(BEFORE.node.swap).toBeUndefined();
    expect(BEFORE.pods[0].swap).toBeUndefined();
    expect('psi' in (BEFORE.containers[0].memory ?? {})).toBe(false);
  });
});

describe('PSI and swap in the tables', () => {
  it('shows node pressure as percent of time stalled, per resource, kind and window', () => {
    const f = frame('node');
    expect(cell(f, 'memoryPsiSomeAvg10')).toBe(18.24);
    expect(cell(f, 'memoryPsiSomeAvg60')).toBe(15.6);
    expect(cell(f, 'memoryPsiFullAvg300')).toBe(5.02);
    expect(cell(f, 'cpuPsiSomeAvg10')).toBe(3.41);
    expect(cell(f, 'ioPsiSomeAvg60')).toBe(4.8);
    const memory10 = field(f, 'memoryPsiSomeAvg10');
    expect(memory10.config).toEqual({ displayName: 'Memory pressure some (10s)', unit: 'percent', decimals: 2 });
    expect(field(f, 'ioPsiFullAvg300').config.displayName).toBe('IO pressure full (5m)');
    expect(field(f, 'cpuPsiSomeAvg60').config.displayName).toBe('CPU pressure some (1m)');
  });

  it("shows the node's swap used and left, in bytes", () => {
    const f = frame('node');
    expect(cell(f, 'swapUsage')).toBe(1073741824);
    expect(cell(f, 'swapAvailable')).toBe(3221225472);
    expect(field(f, 'swapUsage').config).toEqual({ displayName: 'Swap used', unit: 'bytes' });
  });

  it('shows which pods and containers swap; a pod has no limit, so no swap left', () => {
    const pods = frame('pod');
    expect(cell(pods, 'swapUsage')).toBe(201326592);
    expect(names(pods)).not.toContain('swapAvailable');
    const containers = frame('container');
    const redis = field(containers, 'container').values.indexOf('redis');
    const exporter = field(containers, 'container').values.indexOf('exporter');
    expect(cell(containers, 'swapUsage', redis)).toBe(201326592);
    expect(cell(containers, 'swapAvailable', redis)).toBe(67108864);
    expect(cell(containers, 'swapUsage', exporter)).toBe(0);
    expect(cell(containers, 'memoryPsiSomeAvg10', redis)).toBe(24.6);
  });

  it('adds no PSI or swap field, and no error, for a kubelet that sends none', () => {
    for (const scope of ['node', 'pod', 'container'] as const) {
      const f = frame(scope, BEFORE);
      expect(names(f).filter((n) => /Psi|swap/.test(n))).toEqual([]);
      expect(cell(f, 'memoryWorkingSet')).toBeGreaterThan(0);
    }
  });
});

describe('PSI and swap as time series samples', () => {
  it('gives the averages as percent gauges and the totals as stall seconds, a counter whose rate is the share stalled', () => {
    const samples = summarySamples('node', [WITH], ALL);
    const one = (metric: string) => samples.find((s) => s.metric === metric)!;
    expect(one('memoryPsiSomeAvg10')).toMatchObject({ value: 18.24, counter: false, unit: 'percent' });
    expect(one('memoryPsiSomeTotal')).toMatchObject({ value: 96551.230411, counter: true, unit: 'percentunit' });
    expect(one('swapUsage')).toMatchObject({ value: 1073741824, counter: false, unit: 'bytes' });
    expect(one('memoryPsiSomeTotal').timeMs).toBe(Date.parse('2026-12-01T10:00:07Z'));
  });

  it('gives pods and containers their own, and nothing for a kubelet without them', () => {
    const pods = summarySamples('pod', [WITH], ALL).map((s) => s.metric);
    expect(pods).toContain('ioPsiFullAvg60');
    expect(pods).toContain('swapUsage');
    expect(pods).not.toContain('swapAvailable');
    const containers = summarySamples('container', [WITH], ALL).filter((s) => s.labels.container === 'redis');
    expect(containers.map((s) => s.metric)).toContain('cpuPsiFullTotal');
    for (const scope of ['node', 'pod', 'container'] as const) {
      expect(summarySamples(scope, [BEFORE], ALL).filter((s) => /Psi|swap/.test(s.metric))).toEqual([]);
    }
  });
});
