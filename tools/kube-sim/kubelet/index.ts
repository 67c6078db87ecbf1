/** The kubelet endpoints kube-sim serves, as pure functions of (cluster, node, time). */
export { summaryJson, summaryObject, type SummaryOptions } from './summary';
export { metricsResourceText, metricsResourceScrapeErrorText } from './resource';
export { metricsCadvisorText } from './cadvisor';
