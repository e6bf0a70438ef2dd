import { createHash, createHmac, randomBytes } from 'node:crypto';

/** A new device access token: 32 random bytes, base64url (43 characters). Shown once, stored hashed. */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What `iot_devices.token_hash` holds: SHA-256 hex of the token. */
export function hashDeviceToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The last 4 characters, stored to tell two tokens apart (token_hint). */
export function tokenHint(token: string): string {
  return token.slice(-4);
}

/**
 * The demo park's simulated devices get tokens derived from their id (seed and simulator compute the
 * same), so the simulator can publish for them; any other device's token is random. Demo only.
 */
export function simulatedDeviceToken(deviceId: string): string {
  return createHmac('sha256', 'yuanqi-demo-simulator').update(deviceId).digest('base64url');
}
