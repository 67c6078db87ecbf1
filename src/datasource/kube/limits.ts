/** How many requests the client sends at once: Grafana's limits, which the client's gate and fan-out follow. */

/**
 * Requests one data source has in flight at once (requestGate.ts): Grafana's frontend runs at most 5
 * data-proxy requests at a time and queues the rest, with the queueing counted against our timeouts.
 */
export const MAX_IN_FLIGHT_REQUESTS = 5;
/** Below the gate, so that one query's fan-out leaves a place for another panel's request. */
export const DEFAULT_FAN_OUT_CONCURRENCY = 4;
/**
 * The setting's upper bound in the config editor: more would only wait in Grafana's queue, with the wait counted
 * against timeouts. The client enforces it anyway by capping fan-out at its gate.
 */
export const MAX_FAN_OUT_CONCURRENCY = MAX_IN_FLIGHT_REQUESTS;
