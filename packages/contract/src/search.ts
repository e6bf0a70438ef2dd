/** Global search 全局搜索: one box for every user, results grouped by domain, each within the user's scope. */
export type SearchKind = 'enterprise' | 'demand' | 'item' | 'application' | 'policy';
export type SearchItem = { id: string; title: string; subtitle: string; link: string };
export type SearchGroup = { kind: SearchKind; label: string; items: SearchItem[] };
export type SearchResponse = { groups: SearchGroup[] };
export const SEARCH_QUERY_MAX_LENGTH = 50;
