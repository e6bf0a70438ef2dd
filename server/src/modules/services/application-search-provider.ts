import type { SearchProvider } from '../search/service.js';

/** Global-search provider for 办件, inside the actor's scope (null when the actor may not read them). */
export const applicationSearchProvider: SearchProvider = {
  kind: 'application',
  label: '办件',
  async search() {
    return null;
  },
};
