import type { Kysely } from 'kysely';
import { ZPassword } from '@yuanqi/contract';
import type { DB } from '../schema.js';
import { hashPassword, isWeakPassword } from '../../platform/passwords.js';
import { recordAudit } from '../../platform/audit.js';

/**
 * Production start on an empty database: creates the park and its first administrator from
 * YQ_PARK_CODE, YQ_PARK_NAME, YQ_ADMIN_USERNAME and YQ_ADMIN_PASSWORD. No demo users, and a weak
 * password is refused.
 */
export async function bootstrapProduction(db: Kysely<DB>): Promise<void> {
  const username = process.env.YQ_ADMIN_USERNAME;
  const password = process.env.YQ_ADMIN_PASSWORD;
  const parkName = process.env.YQ_PARK_NAME;
  if (!username || !password || !parkName) {
    throw new Error('生产环境首次启动需设置 YQ_PARK_NAME、YQ_ADMIN_USERNAME、YQ_ADMIN_PASSWORD(可选 YQ_PARK_CODE)以创建园区和首个管理员');
  }
  const check = ZPassword.safeParse(password);
  if (!check.success || isWeakPassword(password)) {
    throw new Error('YQ_ADMIN_PASSWORD 过于简单:至少8位,包含字母和数字,且不能是常见密码');
  }
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const park = await trx.insertInto('parks').values({ code: process.env.YQ_PARK_CODE ?? 'park', name: parkName, region: null }).returning('id').executeTakeFirstOrThrow();
    const admin = await trx
      .insertInto('users')
      .values({ park_id: park.id, username, display_name: '系统管理员', password_hash: passwordHash, roles: ['admin'], phone: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, null, park.id, [{ action: 'bootstrap', entity: 'park', entityId: park.id, before: null, after: { parkName, admin: username, adminId: admin.id } }]);
  });
}
