/**
 * One kube-sim for a test file: started before its tests, stopped after them, and its faults cleared after each
 * test, so that a fault one test injects never reaches the next. Call it at the top of the file; `sim()` is the
 * running simulator inside tests and hooks.
 */
import { type KubeSim, type KubeSimOptions, startKubeSim } from '../../../tools/kube-sim';

export function kubeSimForTests(options: KubeSimOptions): () => KubeSim {
  let sim: KubeSim | undefined;
  beforeAll(async () => {
    sim = await startKubeSim(options);
  });
  afterAll(async () => {
    await sim?.stop();
  });
  afterEach(() => {
    sim?.faults.reset();
  });
  return () => {
    if (!sim) {
      throw new Error('kube-sim runs only inside tests and hooks (kubeSimForTests starts it in beforeAll)');
    }
    return sim;
  };
}
