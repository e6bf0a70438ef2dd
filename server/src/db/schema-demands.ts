/** Tables of the demands domain (demands, events, visits, dispatch meetings, targets). */
export type DemandTables = {};
