import type { SearchProvider } from '../search/service.js';

/** Global-search provider for 办事事项, inside the actor's scope (null when the actor may not read them). */
export const itemSearchProvider: SearchProvider = {
  kind: 'item',
  label: '办事事项',
  async search() {
    return null;
  },
};
