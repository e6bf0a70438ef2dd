import { randomUUID } from 'node:crypto';
import type { CreateServiceItemRequest, ItemStatus } from '@yuanqi/contract';
import type { Kysely } from 'kysely';
import type { DB, EnterpriseRow, UserRow } from '../src/db/schema.js';
import type { ServiceItemRow } from '../src/db/schema-service-items.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from './factories.js';
import type { Client } from './harness.js';
import { buildServiceItem } from './service-factories.js';

/** A small valid PDF-looking file (the magic bytes are what the upload check reads). */
export const PDF = Buffer.from('%PDF-1.4\n% test material\n');

export type ServiceWorld = {
  park: TestPark;
  firm: EnterpriseRow;
  otherFirm: EnterpriseRow;
  firmUser: UserRow;
  otherFirmUser: UserRow;
  liaison: UserRow;
  approver: UserRow;
  otherApprover: UserRow;
  admin: UserRow;
  dispatcher: UserRow;
  leader: UserRow;
  /** A promised item (5/20 working days) acted on by `approver`: m1 申请书 (key), m2 营业执照 (容缺), m3 场地使用证明 (容缺, 承诺). */
  item: ServiceItemRow;
};

/** A park with a firm served by a liaison, another firm, two approvers (only one on the item) and the office. */
export async function buildServiceWorld(db: Kysely<DB>, itemOverrides: Partial<CreateServiceItemRequest> & { status?: ItemStatus } = {}): Promise<ServiceWorld> {
  const park = await buildPark(db);
  const liaison = await buildUser(db, park, { roles: ['liaison'], displayName: '王专员' });
  const firm = await buildEnterprise(db, park, { liaison_id: liaison.id, name: `鹰潭测试铜业${randomUUID().slice(0, 4)}有限公司` });
  const otherFirm = await buildEnterprise(db, park);
  const firmUser = await buildUser(db, park, { roles: ['enterprise'], enterpriseId: firm.id, displayName: '赵经办' });
  const otherFirmUser = await buildUser(db, park, { roles: ['enterprise'], enterpriseId: otherFirm.id });
  const approver = await buildUser(db, park, { roles: ['approver'], displayName: '审批员甲' });
  const otherApprover = await buildUser(db, park, { roles: ['approver'], displayName: '审批员乙' });
  const admin = await buildUser(db, park, { roles: ['admin'] });
  const dispatcher = await buildUser(db, park, { roles: ['dispatcher'] });
  const leader = await buildUser(db, park, { roles: ['leader'] });
  const item = await buildServiceItem(db, park, { approverIds: [approver.id], ...itemOverrides });
  return { park, firm, otherFirm, firmUser, otherFirmUser, liaison, approver, otherApprover, admin, dispatcher, leader, item };
}

/** A multipart body: text fields and files (field name, file name, bytes). */
export function multipart(fields: Record<string, string>, files: { field: string; filename: string; content: Buffer }[]) {
  const boundary = `----yq${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: application/pdf\r\n\r\n`));
    parts.push(f.content, Buffer.from('\r\n'));
  }
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Material files for the given keys (each a small PDF named after the key). */
export const filesFor = (keys: string[]) => keys.map((key) => ({ field: `material.${key}`, filename: `${key}.pdf`, content: PDF }));

/** Files an application through the API as `client` would (multipart with payload JSON). */
export function fileApplication(client: Client, payload: Record<string, unknown>, materialKeys: string[] = ['m1', 'm2', 'm3']) {
  return client.request({ method: 'POST', url: '/api/service-applications', ...multipart({ payload: JSON.stringify(payload) }, filesFor(materialKeys)) });
}

/** Supplies materials for a 补正 or 容缺 through the API. */
export function supply(client: Client, id: string, materialKeys: string[], note?: string) {
  return client.request({ method: 'POST', url: `/api/service-applications/${id}/supply`, ...multipart(note ? { note } : {}, filesFor(materialKeys)) });
}

export function act(client: Client, id: string, body: Record<string, unknown>) {
  return client.post(`/api/service-applications/${id}/actions`, body);
}
