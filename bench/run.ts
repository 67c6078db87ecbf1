/** `npm run bench`: every benchmark, each printing ratios against a baseline measured in the same run. */
import { benchNodes } from './nodes.bench';

async function main() {
  console.log(`Kubeglance benchmarks, node ${process.version}, ${new Date().toISOString()}`);
  await benchNodes();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
