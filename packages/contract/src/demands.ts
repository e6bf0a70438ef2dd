/** Demands 诉求, visits 走访, dispatch meetings 周调度: schemas and types. */
export {};
