/** Table types of this domain (owned by its module). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type ServiceApplicationTables = {};
