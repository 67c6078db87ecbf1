/** @jest-environment node */
import fs from 'fs';
import path from 'path';

import { CATALOG, DESTINATION_DIRS, jsonPath, REPO_ROOT } from './catalog';

interface Include {
  type: string;
  name: string;
  path: string;
}

const pluginJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'src', 'plugin.json'), 'utf8')) as {
  includes: Include[];
};

describe('generated dashboards', () => {
  it.each(CATALOG.map((e) => [path.relative(REPO_ROOT, jsonPath(e)), e] as const))(
    '%s is what its definition generates (run `npx tsx dashboards/generate.ts` after changing one)',
    (_file, entry) => {
      // compared as JSON: the formatting is prettier's business
      const generated: unknown = JSON.parse(JSON.stringify(entry.build()));
      expect(JSON.parse(fs.readFileSync(jsonPath(entry), 'utf8'))).toEqual(generated);
    }
  );

  it.each(Object.entries(DESTINATION_DIRS))('the %s folder holds no stray dashboard', (destination, dir) => {
    const expected = CATALOG.filter((e) => e.destination === destination).map((e) => e.file);
    expect(
      fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    ).toEqual(expected.sort());
  });

  it("the app's plugin.json includes exactly the app dashboards, named by their titles", () => {
    const included = pluginJson.includes.filter((i) => i.type === 'dashboard');
    const app = CATALOG.filter((e) => e.destination === 'app');
    expect(included).toEqual(
      app.map((e) => ({
        type: 'dashboard',
        name: e.build().title,
        // relative to src/, where the build copies every .json from
        path: path.relative(path.join(REPO_ROOT, 'src'), jsonPath(e)),
      }))
    );
  });
});
