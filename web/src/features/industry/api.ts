/**
 * Query keys of 产业云 shared by the sub-domains: every key starts with 'industry', so one
 * `invalidateQueries({ queryKey: industryKeys.all })` refreshes every industry page.
 */
export const industryKeys = {
  all: ['industry'] as const,
};
