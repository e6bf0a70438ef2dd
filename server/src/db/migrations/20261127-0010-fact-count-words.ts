import { sql, type Kysely } from 'kysely';

/**
 * What a count fact counts (量词): 件 for patents, 项 for projects, 人 when absent. The rule
 * read-back writes counts with it ("新授权发明专利数≥2件", "按…计,每件5,000元"), never 人 for
 * everything.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table fact_definitions add column count_word text check (count_word is null or char_length(count_word) between 1 and 4)`.execute(db);
  await sql`update fact_definitions set count_word = '件' where key = 'invention_patents' and unit = 'count'`.execute(db);
}
