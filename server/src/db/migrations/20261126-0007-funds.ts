import type { Kysely } from 'kysely';

/** Placeholder: filled in by the module that owns these tables before its first commit. */
export async function up(_db: Kysely<unknown>): Promise<void> {}
