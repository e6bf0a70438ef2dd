// The part of autocannon 9's API the benchmarks use (the package ships no types).
declare module 'autocannon' {
  export type Options = {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    method?: string;
    headers?: Record<string, string>;
    timeout?: number;
    title?: string;
  };

  export type Histogram = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
    p99_9: number;
    [percentile: string]: number;
  };

  export type Result = {
    title?: string;
    url: string;
    connections: number;
    /** Seconds. */
    duration: number;
    start: Date | string;
    finish: Date | string;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    resets: number;
    '1xx': number;
    '2xx': number;
    '3xx': number;
    '4xx': number;
    '5xx': number;
    statusCodeStats: Record<string, { count: number }>;
    /** Milliseconds. */
    latency: Histogram & { totalCount: number };
    /** Requests per second, sampled each second. */
    requests: Histogram & { sent: number };
    /** Bytes per second, sampled each second. */
    throughput: Histogram;
  };

  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
