import { jobColumns, jobCompletions, jobDurationSeconds, jobStatus } from './jobs';
import { JobObj } from './kubeObjects';

const NOW = Date.UTC(2025, 0, 1, 12);
const iso = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString();
const cond = (type: string, status = 'True') => ({ type, status });

describe('jobStatus', () => {
  it('follows kubectl: Complete, Failed, Terminating, Suspended, ..., else Running', () => {
    expect(jobStatus({ status: { conditions: [cond('SuccessCriteriaMet'), cond('Complete')] } })).toBe('Complete');
    expect(jobStatus({ status: { conditions: [cond('FailureTarget'), cond('Failed')] } })).toBe('Failed');
    expect(jobStatus({ metadata: { deletionTimestamp: iso(1) }, status: {} })).toBe('Terminating');
    expect(jobStatus({ status: { conditions: [cond('Suspended')] } })).toBe('Suspended');
    expect(jobStatus({ status: { conditions: [cond('Complete', 'False')] } })).toBe('Running');
    expect(jobStatus({})).toBe('Running');
  });
});

describe('jobCompletions', () => {
  it('prints succeeded/completions, or x/1 (of parallelism) for a job without completions', () => {
    expect(jobCompletions({ spec: { completions: 3 }, status: { succeeded: 2 } })).toBe('2/3');
    expect(jobCompletions({ spec: { completions: 1 }, status: {} })).toBe('0/1');
    expect(jobCompletions({ spec: { completions: null, parallelism: 4 }, status: { succeeded: 1 } })).toBe('1/1 of 4');
    expect(jobCompletions({ spec: { parallelism: 1 } })).toBe('0/1');
  });
});

describe('jobDurationSeconds', () => {
  it('measures start to completion, start to now while running, and nothing before start', () => {
    const done: JobObj = { status: { startTime: iso(600), completionTime: iso(480) } };
    expect(jobDurationSeconds(done, NOW)).toBe(120);
    expect(jobDurationSeconds({ status: { startTime: iso(45) } }, NOW)).toBe(45);
    expect(jobDurationSeconds({ status: {} }, NOW)).toBeNull();
  });

  it('is the Duration column, in seconds', () => {
    const cols = jobColumns([{ metadata: { name: 'j' }, status: { startTime: iso(30) } }], NOW);
    const duration = cols.find((c) => c.name === 'duration')!;
    expect(duration.values).toEqual([30]);
    expect(duration.unit).toBe('dtdurations');
  });
});
