/** Formatting every query kind shares: Grafana's unit for cores, and name lists in notices. */

/** CPU in cores, as Grafana's custom-suffix unit (Grafana has no cores unit of its own). */
export const CORES_UNIT = 'suffix: cores';

/** How many names (nodes, namespaces, pods) a notice lists before it says "and N more". */
const NOTICE_NAMES = 5;

export function listNames(names: string[]): string {
  const shown = names.slice(0, NOTICE_NAMES).join(', ');
  return names.length > NOTICE_NAMES ? `${shown} and ${names.length - NOTICE_NAMES} more` : shown;
}
