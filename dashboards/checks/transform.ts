/** Grafana's own transformations (from @grafana/data), applied to frames as a panel would. */
import {
  type DataFrame,
  type DataTransformerConfig,
  type DataTransformerInfo,
  standardTransformers,
  standardTransformersRegistry,
  transformDataFrame,
  type TransformerRegistryItem,
} from '@grafana/data';
import { lastValueFrom } from 'rxjs';

let registered = false;

function register() {
  if (!registered) {
    // the same transformer can be listed under two names (noop): one registry item per id
    const byId = new Map<string, DataTransformerInfo>(Object.values(standardTransformers).map((t) => [t.id, t]));
    const items: TransformerRegistryItem[] = [...byId.values()].map((t) => ({
      id: t.id,
      aliasIds: t.aliasIds,
      name: t.name,
      description: t.description,
      // Grafana 13 resolves a transformer lazily (a promise); eagerly loaded ones resolve at once
      transformation: () => Promise.resolve(t),
      defaultOptions: t.defaultOptions,
      editor: () => null,
      // the editor's pictures: no editor here
      imageDark: '',
      imageLight: '',
    }));
    standardTransformersRegistry.setInit(() => items);
    registered = true;
  }
}

export function applyTransformations(
  transformations: Array<{ id: string; options: unknown }> | undefined,
  frames: DataFrame[]
): Promise<DataFrame[]> {
  if (!transformations?.length) {
    return Promise.resolve(frames);
  }
  register();
  return lastValueFrom(transformDataFrame(transformations as DataTransformerConfig[], frames));
}
