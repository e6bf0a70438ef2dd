import { createHmac } from 'node:crypto';
import { isValidIdCard, maskIdCard } from '@yuanqi/contract';
import { AppError } from '../../../platform/errors.js';

/**
 * Persons claimed under per-person policies (一次性扩岗补助: a person counts for one firm only).
 * The ID number is never stored: only an HMAC-SHA-256 keyed per deployment (YQ_PERSON_HASH_KEY)
 * and per park — equal numbers give equal hashes within a park, so the unique index on
 * (park_id, exclusion_key, person_hash) refuses a second firm claiming the same person — and a
 * masked form for display (110101********1234).
 */
const KEY = process.env.YQ_PERSON_HASH_KEY ?? 'yuanqi-person-claims-v1';

export type StoredPerson = { name: string; idHash: string; idMasked: string; category: string | null };

export function hashIdNumber(parkId: string, idNumber: string): string {
  return createHmac('sha256', KEY).update(`${parkId}:${idNumber.trim().toUpperCase()}`).digest('hex');
}

export function toStoredPersons(parkId: string, persons: Array<{ name: string; idNumber: string; category?: string | null }>): StoredPerson[] {
  const seen = new Set<string>();
  return persons.map((p, i) => {
    const id = p.idNumber.trim().toUpperCase();
    if (!isValidIdCard(id)) {
      throw new AppError('VALIDATION_FAILED', `第${i + 1}人“${p.name}”的身份证号校验不通过`, [{ path: `persons.${i}.idNumber`, message: '身份证号校验不通过' }]);
    }
    const idHash = hashIdNumber(parkId, id);
    if (seen.has(idHash)) {
      throw new AppError('VALIDATION_FAILED', `第${i + 1}人“${p.name}”在名单中重复`, [{ path: `persons.${i}.idNumber`, message: '名单中重复' }]);
    }
    seen.add(idHash);
    return { name: p.name.trim(), idHash, idMasked: maskIdCard(id) ?? '', category: p.category ?? null };
  });
}
