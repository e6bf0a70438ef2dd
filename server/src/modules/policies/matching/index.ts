/** 政策精准匹配: loading the subjects of a sweep from the database and matching them with compiled rules. */
export { loadMatchingSubjects, streamFirmColumns, streamMatchingSubjects, type LoadSubjectsOptions } from './load.js';
export {
  MATCH_INELIGIBLE,
  MATCH_UNKNOWN,
  createMatcher,
  loadMatchingPolicies,
  matchEnterprises,
  type MatchBatch,
  type Matcher,
  type MatchOptions,
  type MatchResult,
  type MatchSummary,
  type MatchingPolicy,
} from './match.js';
export { SweepWorkers, partitionBounds, sweepPark, sweepParks, sweepWorkers, type ParallelSweepOptions, type SweepTotals } from './parallel.js';
