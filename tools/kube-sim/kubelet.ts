/** The kubelet endpoints kube-sim serves, as pure functions of (cluster, node, time). */
export { summaryJson, summaryObject, type SummaryOptions } from './kubelet-summary';
export { metricsResourceText, metricsResourceScrapeErrorText } from './kubelet-resource';
export { metricsCadvisorText } from './kubelet-cadvisor';
