/**
 * Writes every dashboard's JSON from its definition: `npx tsx dashboards/generate.ts`.
 * The definitions are the source of truth; dashboards/generated.test.ts fails when a JSON file was
 * edited by hand or not regenerated. The files are formatted as `npm run lint:fix` (prettier) would.
 */
import fs from 'fs';
import path from 'path';

import type { Dashboard } from '@grafana/schema';
import * as prettier from 'prettier';

import { CATALOG, jsonPath } from './catalog';

/** Formatted by the repository's prettier config, so `npm run lint:fix` leaves generated files as they are. */
async function render(d: Dashboard, file: string): Promise<string> {
  const options = await prettier.resolveConfig(file);
  return prettier.format(JSON.stringify(d), { ...options, filepath: file });
}

async function main() {
  for (const entry of CATALOG) {
    const file = jsonPath(entry);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, await render(entry.build(), file));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
