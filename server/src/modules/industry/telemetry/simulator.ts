import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { connectAsync, type MqttClient } from 'mqtt';
import { telemetryTopic, type TelemetryBatch } from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import { simulatedDeviceToken } from '../devices/tokens.js';

// ---------------------------------------------------------------------------------------------
// The signal model. The demo seed (seed/devices.ts) draws the devices' 90-day history from these
// same functions, so what the simulator publishes continues the seeded trends: a meter's counter
// keeps increasing at the rate its load implies, a furnace stays around its set point.

/** What a device's readings look like, fixed per device (derived from its id, so seed and simulator agree). */
export type SimulatorProfile = {
  typeCode: string;
  /** power_meter: average load in kW; line_counter: pieces per hour at full speed */
  scale: number;
  /** furnace: set point ℃; line_counter: line speed m/min; env_sensor: base temperature ℃ */
  level: number;
  /** a phase (hours) so devices do not move in lockstep */
  phase: number;
};

/** Counters carried from one reading to the next. */
export type SimulatorState = Record<string, number>;

/** A temporary excursion the demo injects: a furnace above 1250 ℃, a gas leak. */
export type SimulatorExcursion = { metric: string; from: number; to: number; peak: number };

function unitHash(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 4_294_967_296;
}

export function simulatorProfile(deviceId: string, typeCode: string): SimulatorProfile {
  const u = unitHash(`${deviceId}:scale`);
  const v = unitHash(`${deviceId}:level`);
  const phase = unitHash(`${deviceId}:phase`) * 24;
  switch (typeCode) {
    case 'power_meter':
      return { typeCode, scale: Math.round(400 + 2_200 * u), level: 380, phase };
    case 'line_counter':
      return { typeCode, scale: Math.round(150 + 450 * u), level: Math.round(60 + 120 * v), phase };
    case 'furnace':
      return { typeCode, scale: 1, level: Math.round(1_125 + 55 * v), phase };
    case 'env_sensor':
      return { typeCode, scale: 1, level: 19 + 4 * v, phase };
    default:
      return { typeCode, scale: 1, level: 3 + 4 * v, phase };
  }
}

/**
 * A few simulated devices are "broken": they stay silent (offline) — the seed leaves them offline
 * and the simulator does not publish for them, so 产业云总览 shows a realistic offline count.
 */
export function isSilentSimulatedDevice(deviceId: string): boolean {
  return unitHash(`${deviceId}:silent`) < 0.02;
}

const HOUR_MS = 3_600_000;

function shanghaiClock(ms: number): { hour: number; weekday: number } {
  const local = ms + 8 * HOUR_MS;
  const day = Math.floor(local / (24 * HOUR_MS));
  // 1970-01-01 was a Thursday (4)
  return { hour: (local - day * 24 * HOUR_MS) / HOUR_MS, weekday: (day + 4) % 7 };
}

/** The plant's load factor 0..1: day shift full, night lower, weekends lower, smooth ramps. */
function activity(ms: number, phase: number): number {
  const { hour, weekday } = shanghaiClock(ms);
  const day = 0.5 - 0.5 * Math.cos(((hour - 2 + phase * 0.05) / 24) * 2 * Math.PI); // 0 at ~02:00, 1 at ~14:00
  const weekend = weekday === 0 ? 0.7 : weekday === 6 ? 0.82 : 1;
  return (0.55 + 0.45 * day) * weekend;
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/**
 * The device's readings at `ms` (epoch ms), `dtHours` after its previous ones: every metric of its
 * type. Counters in `state` are advanced in place. `rand` is the noise source (seeded in the seed).
 */
export function simulatedReadings(
  profile: SimulatorProfile,
  state: SimulatorState,
  ms: number,
  dtHours: number,
  rand: () => number,
  excursions: readonly SimulatorExcursion[] = [],
): Record<string, number> {
  const noise = () => rand() * 2 - 1;
  const boost = (metric: string, normal: number): number => {
    for (const e of excursions) if (e.metric === metric && ms >= e.from && ms < e.to) return Math.max(normal, e.peak - 4 * rand());
    return normal;
  };
  const act = activity(ms, profile.phase);
  switch (profile.typeCode) {
    case 'power_meter': {
      const kw = profile.scale * act * (1 + 0.04 * noise());
      state.energy_kwh = (state.energy_kwh ?? 0) + kw * dtHours;
      return { energy_kwh: round(state.energy_kwh, 2), power_kw: round(kw, 1), voltage_v: round(profile.level + 4 * noise(), 1) };
    }
    case 'line_counter': {
      const { hour } = shanghaiClock(ms);
      const running = hour >= 3 && hour < 5 ? 0 : 1;
      const speed = running ? profile.level * (0.85 + 0.15 * act) + 3 * noise() : 0;
      state.output_pcs = (state.output_pcs ?? 0) + Math.round(running * profile.scale * (0.8 + 0.2 * act) * dtHours);
      return { output_pcs: state.output_pcs, speed_ppm: round(Math.max(0, speed), 1), running };
    }
    case 'furnace': {
      const wave = 18 * Math.sin(((ms / HOUR_MS + profile.phase) / 6) * 2 * Math.PI);
      return { temp_c: round(boost('temp_c', profile.level + wave * act + 6 * noise()), 1) };
    }
    case 'safety_sensor':
      return { gas_ppm: round(boost('gas_ppm', Math.max(0, profile.level + 1.5 * noise())), 1), smoke: 0 };
    case 'env_sensor': {
      const { hour } = shanghaiClock(ms);
      const temp = profile.level + 4 * Math.sin(((hour - 9) / 24) * 2 * Math.PI) + 0.6 * noise();
      return { temp_c: round(temp, 1), humidity_pct: round(55 - 8 * Math.sin(((hour - 9) / 24) * 2 * Math.PI) + 3 * noise(), 1), pm25: Math.round(32 + 14 * act + 6 * noise()) };
    }
    default:
      return {};
  }
}

// ---------------------------------------------------------------------------------------------
// The simulator: one MQTT connection per simulated device, a batch per device every interval.

export type SimulatorOptions = {
  /** between two batches of a device (default IOT_SIMULATOR_INTERVAL_SECONDS or 30 s) */
  intervalMs?: number;
  /** chance per furnace per batch of an excursion above 1250 ℃ (default: about one an hour in the demo park) */
  excursionChance?: number;
  /** noise source (tests pass a seeded one) */
  random?: () => number;
  /** time source, epoch ms */
  now?: () => number;
  /** every park's simulated devices, whatever its settings say (IOT_SIMULATOR=on) */
  allParks?: boolean;
};

type SimulatedDevice = {
  id: string;
  profile: SimulatorProfile;
  state: SimulatorState;
  lastMs: number;
  excursions: SimulatorExcursion[];
  client: MqttClient | null;
};

/**
 * The demo park's device simulator: publishes plausible readings for the `simulated` devices of
 * the parks whose settings enable it, over MQTT to `brokerUrl` (the embedded broker or MQTT_URL),
 * each device connecting with its own id and token (username / password) and also putting the token
 * in the payload (what an external broker needs). Counters continue from the devices' last values.
 * Off with IOT_SIMULATOR=off; IOT_SIMULATOR=on runs it for every park's simulated devices. Resolves
 * to a stop function.
 */
export async function startSimulator(ctx: AppContext, log: FastifyBaseLogger, brokerUrl: string, options: SimulatorOptions = {}): Promise<() => Promise<void>> {
  if (process.env.IOT_SIMULATOR === 'off') return async () => {};
  const intervalMs = options.intervalMs ?? (Number(process.env.IOT_SIMULATOR_INTERVAL_SECONDS) > 0 ? Number(process.env.IOT_SIMULATOR_INTERVAL_SECONDS) * 1000 : 30_000);
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => ctx.clock.now().getTime());
  // about one excursion an hour across ~60 furnaces at the default interval
  const excursionChance = options.excursionChance ?? intervalMs / (60 * HOUR_MS);

  const allParks = options.allParks ?? process.env.IOT_SIMULATOR === 'on';
  const rows = await ctx.db
    .selectFrom('iot_devices as d')
    .leftJoin('industry_settings as s', 's.park_id', 'd.park_id')
    .select(['d.id', 'd.type_code', 'd.last_values', 'd.last_seen_at'])
    .$if(!allParks, (q) => q.where('s.simulator_enabled', '=', true))
    .where('d.simulated', '=', true)
    .where('d.status', '=', 'active')
    .orderBy('d.code')
    .execute();
  const devices: SimulatedDevice[] = rows
    .filter((r) => !isSilentSimulatedDevice(r.id))
    .map((r) => {
      const last = (r.last_values ?? {}) as Record<string, { value: number; ts: string }>;
      const state: SimulatorState = {};
      for (const [metric, v] of Object.entries(last)) if (metric === 'energy_kwh' || metric === 'output_pcs') state[metric] = Number(v.value);
      const lastMs = r.last_seen_at ? new Date(r.last_seen_at).getTime() : now() - intervalMs;
      return { id: r.id, profile: simulatorProfile(r.id, r.type_code), state, lastMs, excursions: [], client: null };
    });
  if (devices.length === 0) return async () => {};
  log.info({ devices: devices.length, intervalMs, brokerUrl }, 'device simulator starting');

  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();

  const publish = (device: SimulatedDevice) => {
    const client = device.client;
    if (stopped || !client || !client.connected) return;
    const ms = now();
    // a gap (the app was down) is bridged at most 6 hours' worth, so counters do not jump absurdly
    const dtHours = Math.min(6, Math.max(0, (ms - device.lastMs) / HOUR_MS));
    device.lastMs = ms;
    if (device.profile.typeCode === 'furnace' && random() < excursionChance) {
      const minutes = 6 + Math.floor(random() * 5);
      device.excursions = [{ metric: 'temp_c', from: ms, to: ms + minutes * 60_000, peak: 1_255 + Math.round(random() * 30) }];
    }
    device.excursions = device.excursions.filter((e) => e.to > ms);
    const values = simulatedReadings(device.profile, device.state, ms, dtHours, random, device.excursions);
    const ts = new Date(ms).toISOString();
    const batch: TelemetryBatch = { token: simulatedDeviceToken(device.id), readings: Object.entries(values).map(([metric, value]) => ({ metric, value, ts })) };
    client.publish(telemetryTopic(device.id), JSON.stringify(batch), { qos: 0 }, (error) => {
      if (error && !stopped) log.warn({ deviceId: device.id, error: error.message }, 'simulator publish failed');
    });
  };

  const startDevice = async (device: SimulatedDevice, index: number) => {
    try {
      device.client = await connectAsync(brokerUrl, {
        clientId: `yuanqi-sim-${device.id}`,
        username: device.id,
        password: simulatedDeviceToken(device.id),
        reconnectPeriod: 10_000,
        connectTimeout: 10_000,
      });
      device.client.on('error', (error) => {
        if (!stopped) log.warn({ deviceId: device.id, error: error.message }, 'simulator connection error');
      });
    } catch (error) {
      log.warn({ deviceId: device.id, error: (error as Error).message }, 'simulator could not connect a device');
      return;
    }
    if (stopped) return;
    // staggered: the devices' batches spread over the interval instead of arriving together
    const first = setTimeout(() => {
      timers.delete(first);
      publish(device);
      const every = setInterval(() => publish(device), intervalMs);
      timers.add(every);
    }, Math.round((index / devices.length) * intervalMs));
    timers.add(first);
  };

  // connect a few at a time so the broker's authentication queries do not pile up
  const connecting = (async () => {
    for (let i = 0; i < devices.length && !stopped; i += 10) {
      await Promise.all(devices.slice(i, i + 10).map((d, j) => startDevice(d, i + j)));
    }
  })();

  return async () => {
    stopped = true;
    await connecting.catch(() => {});
    for (const timer of timers) {
      clearTimeout(timer);
      clearInterval(timer);
    }
    timers.clear();
    await Promise.all(devices.map((d) => d.client?.endAsync(true).catch(() => {})));
    log.info('device simulator stopped');
  };
}
