/** Source trace: is every wheel member explained by the sdist? (issue 12; docs/report-format.md "Source trace"). */
export { traceReadings } from './trace-report'
export { isSourceBuildPair } from './pairing'
export { isSourceMetadataPath } from './retained'
