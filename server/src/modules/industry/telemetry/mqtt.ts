import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../../platform/context.js';

export type TelemetryOptions = {
  /** MQTT_URL: an external broker (Mosquitto, EMQX) the app subscribes to; unset = the embedded broker. */
  mqttUrl?: string;
  /** MQTT_PORT: the embedded broker's port (default 1883); 'off' = no embedded broker. */
  mqttPort?: number | 'off';
};

/** Starts MQTT telemetry beside the app (main.ts); resolves to a stop function. */
export async function startTelemetry(_ctx: AppContext, _log: FastifyBaseLogger, _options: TelemetryOptions): Promise<() => Promise<void>> {
  return async () => {};
}
