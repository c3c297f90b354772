/**
 * The parts of the core a compare worker needs only once a comparison has been read: the evidence and the
 * explanation rules, the source trace, the content pair (binary parsers, text decoding) and member ranges (the hex view). One
 * chunk loaded by a dynamic import in compare.worker.ts, so the worker's script at start stays the reading path.
 */
export { analyzeReport, describeContentPair, gatherEvidence, memberChunkDigests, needsEvidence, readMemberRange, traceReadings } from '../core/index'
