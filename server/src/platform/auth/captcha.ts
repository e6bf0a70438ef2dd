import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../errors.js';

/** How long a challenge may be answered. */
export const CAPTCHA_TTL_MINUTES = 5;
/** Live challenges one address may hold at once; more is a script, not a person. */
const MAX_LIVE_PER_IP = 30;
const LENGTH = 4;
const WIDTH = 120;
const HEIGHT = 44;

/**
 * Digits as strokes on a 10 × 16 grid. The image is drawn as paths, never as <text>, so the
 * answer is not in the markup; each glyph is then scaled, rotated, shifted and jittered.
 */
const GLYPHS: Record<string, number[][][]> = {
  '0': [[[3, 1], [7, 1], [9, 4], [9, 12], [7, 15], [3, 15], [1, 12], [1, 4], [3, 1]]],
  '1': [[[3, 4], [6, 1], [6, 15]], [[3, 15], [9, 15]]],
  '2': [[[1, 4], [3, 1], [7, 1], [9, 4], [8, 7], [1, 15], [9, 15]]],
  '3': [[[1, 2], [7, 1], [9, 4], [8, 7], [4, 8], [8, 9], [9, 12], [7, 15], [1, 14]]],
  '4': [[[7, 15], [7, 1], [1, 11], [9, 11]]],
  '5': [[[9, 1], [2, 1], [1, 7], [7, 6], [9, 9], [9, 12], [7, 15], [1, 14]]],
  '6': [[[8, 1], [3, 3], [1, 8], [1, 13], [3, 15], [7, 15], [9, 12], [8, 8], [3, 8], [1, 10]]],
  '7': [[[1, 1], [9, 1], [4, 15]]],
  '8': [[[5, 8], [2, 6], [2, 2], [5, 1], [8, 2], [8, 6], [5, 8], [1, 11], [2, 15], [8, 15], [9, 11], [5, 8]]],
  '9': [[[9, 7], [7, 8], [2, 8], [1, 4], [3, 1], [7, 1], [9, 4], [9, 9], [7, 14], [2, 15]]],
};

const between = (min: number, max: number) => min + (randomInt(0, 10_000) / 10_000) * (max - min);
const fixed = (n: number) => n.toFixed(1);

function randomColour(): string {
  return `rgb(${randomInt(20, 110)},${randomInt(30, 110)},${randomInt(60, 150)})`;
}

/** A fresh answer: digits only, so a phone keyboard shows its number pad. */
export function randomAnswer(): string {
  let answer = '';
  for (let i = 0; i < LENGTH; i += 1) answer += String(randomInt(0, 10));
  return answer;
}

/** Draws `answer` as a noisy SVG image of stroked paths. */
export function drawCaptcha(answer: string): string {
  const parts: string[] = [`<rect width="${WIDTH}" height="${HEIGHT}" fill="#f3f6fb"/>`];
  const noise = (count: number, width: [number, number]) => {
    for (let i = 0; i < count; i += 1) {
      const [x1, y1, x2, y2] = [between(0, 20), between(4, HEIGHT - 4), between(WIDTH - 20, WIDTH), between(4, HEIGHT - 4)];
      const [cx1, cy1, cx2, cy2] = [between(20, 60), between(-10, HEIGHT + 10), between(60, 100), between(-10, HEIGHT + 10)];
      parts.push(
        `<path d="M${fixed(x1)} ${fixed(y1)}C${fixed(cx1)} ${fixed(cy1)} ${fixed(cx2)} ${fixed(cy2)} ${fixed(x2)} ${fixed(y2)}" ` +
          `stroke="${randomColour()}" stroke-width="${fixed(between(...width))}" fill="none" opacity="0.7"/>`,
      );
    }
  };
  noise(3, [0.8, 1.6]);
  const cell = WIDTH / (answer.length + 0.5);
  [...answer].forEach((char, index) => {
    const strokes = GLYPHS[char];
    if (!strokes) throw new Error(`captcha: no glyph for ${char}`);
    const scale = between(1.7, 2.1);
    const angle = (between(-22, 22) * Math.PI) / 180;
    const originX = cell * (index + 0.75) + between(-3, 3);
    const originY = HEIGHT / 2 + between(-3, 3);
    const place = ([gx, gy]: number[]) => {
      const x = (gx! - 5 + between(-0.45, 0.45)) * scale;
      const y = (gy! - 8 + between(-0.45, 0.45)) * scale * 0.95;
      return [originX + x * Math.cos(angle) - y * Math.sin(angle), originY + x * Math.sin(angle) + y * Math.cos(angle)];
    };
    const d = strokes
      .map((stroke) => stroke.map((point, i) => `${i === 0 ? 'M' : 'L'}${place(point).map(fixed).join(' ')}`).join(''))
      .join('');
    parts.push(`<path d="${d}" stroke="${randomColour()}" stroke-width="${fixed(between(2.2, 3))}" fill="none" stroke-linecap="round" stroke-linejoin="round"/>`);
  });
  noise(2, [1, 2]);
  for (let i = 0; i < 24; i += 1) {
    parts.push(`<circle cx="${fixed(between(0, WIDTH))}" cy="${fixed(between(0, HEIGHT))}" r="${fixed(between(0.6, 1.4))}" fill="${randomColour()}"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">${parts.join('')}</svg>`;
}

function hashAnswer(id: string, answer: string): string {
  return createHash('sha256').update(`${id}:${answer.trim().toLowerCase()}`).digest('hex');
}

export type IssuedCaptcha = { id: string; image: string; expiresAt: Date };

/**
 * Stores a challenge in the database (every app process can check it) and returns its image as a
 * data URL. `answer` is given only by tests; a real challenge draws a random one.
 */
export async function issueCaptcha(db: Kysely<DB>, ip: string, now: Date, answer = randomAnswer()): Promise<IssuedCaptcha> {
  const live = await db
    .selectFrom('login_captchas')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('ip', '=', ip)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  if (live.n >= MAX_LIVE_PER_IP) throw new AppError('TOO_MANY_REQUESTS', '验证码获取过于频繁,请稍后再试');
  const id = randomUUID();
  const expiresAt = new Date(now.getTime() + CAPTCHA_TTL_MINUTES * 60_000);
  await db.insertInto('login_captchas').values({ id, answer_hash: hashAnswer(id, answer), ip, created_at: now, expires_at: expiresAt }).execute();
  const svg = drawCaptcha(answer);
  return { id, image: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, expiresAt };
}

export type CaptchaVerdict = 'ok' | 'wrong' | 'expired';

/**
 * Checks an answer and uses the challenge up whatever the outcome (one guess per image). The
 * delete is the claim, so two processes cannot both accept one challenge.
 */
export async function consumeCaptcha(db: Kysely<DB>, id: string | null, answer: string, now: Date): Promise<CaptchaVerdict> {
  if (!id) return 'expired';
  const row = await db.deleteFrom('login_captchas').where('id', '=', id).returning(['answer_hash', 'expires_at']).executeTakeFirst();
  if (!row || row.expires_at.getTime() <= now.getTime()) return 'expired';
  const given = Buffer.from(hashAnswer(id, answer), 'hex');
  const stored = Buffer.from(row.answer_hash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored) ? 'ok' : 'wrong';
}
