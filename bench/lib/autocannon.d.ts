// The part of autocannon's programmatic API bench/pages.ts uses (the package ships no types,
// and @types/autocannon is not installed).
declare module "autocannon" {
  type Histogram = { average: number; mean: number; total: number; p50: number; p99: number; max: number };
  type Options = { url: string; connections?: number; duration?: number; headers?: Record<string, string> };
  type Result = {
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
    non2xx: number;
    errors: number;
    timeouts: number;
  };
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
