/**
 * Writes every dashboard's JSON from its definition: `npx tsx dashboards/generate.ts`.
 * The definitions are the source of truth; dashboards/generated.test.ts fails when a JSON file was
 * edited by hand or not regenerated.
 */
import fs from 'fs';
import path from 'path';

import { CATALOG, jsonPath, renderDashboard } from './catalog';

for (const entry of CATALOG) {
  const file = jsonPath(entry);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, renderDashboard(entry.build()));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
