import type { SearchProvider } from '../search/service.js';

/** Global-search provider for 政策, inside the actor's scope (null when the actor may not read them). */
export const policySearchProvider: SearchProvider = {
  kind: 'policy',
  label: '政策',
  async search() {
    return null;
  },
};
