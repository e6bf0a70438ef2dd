import type { Kysely } from 'kysely';

/**
 * 要素保障 — apartments: follow-up to 20261208-0001-land, reserved for this sub-domain (indexes or columns
 * its work shows it needs). Empty until then.
 */
export async function up(_db: Kysely<unknown>): Promise<void> {}
