/**
 * Query keys of 要素保障 shared by the sub-domains: every key starts with 'land', so one
 * `invalidateQueries({ queryKey: landKeys.all })` refreshes every land page (a clean-up step that
 * recovers a parcel changes the map, the parcel page and the campaign board at once).
 */
export const landKeys = {
  all: ['land'] as const,
};
