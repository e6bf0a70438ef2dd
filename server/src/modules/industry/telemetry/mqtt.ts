import net from 'node:net';
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Aedes, AuthenticateError, Client } from 'aedes';
import { TELEMETRY_SUBSCRIPTION, TELEMETRY_TOPIC_PREFIX, TELEMETRY_TOPIC_SUFFIX, telemetryTopic } from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import { hashDeviceToken } from '../devices/tokens.js';
import { ensureReadingPartitions } from './partitions.js';
import { ingestMqttMessage, loadDevice, refusedMessage, telemetryWriter, tokenMatches } from './ingest.js';
import { startSimulator } from './simulator.js';

export type TelemetryOptions = {
  /** MQTT_URL: an external broker (Mosquitto, EMQX) the app subscribes to; unset = the embedded broker. */
  mqttUrl?: string;
  /** MQTT_PORT: the embedded broker's port (default 1883; 0 = an ephemeral port); 'off' = no embedded broker. */
  mqttPort?: number | 'off';
  /** Address the embedded broker listens on (default HOST, else all interfaces). */
  host?: string;
  /** The demo simulator: 'auto' (default: IOT_SIMULATOR, else when a park has it switched on), 'on', 'off'. */
  simulator?: 'auto' | 'on' | 'off';
};

/** What startTelemetry resolves to: a stop function that also tells where the broker is. */
export type TelemetryHandle = (() => Promise<void>) & {
  /** the embedded broker's port (null: none, e.g. with MQTT_URL or MQTT_PORT=off) */
  port: number | null;
  /** the URL devices (and the simulator) publish to; null when there is no broker */
  brokerUrl: string | null;
  /** 'embedded' | 'external' | 'off' */
  mode: 'embedded' | 'external' | 'off';
};

/** The shared subscription app processes split an external broker's telemetry with (MQTT 5 / Mosquitto 2). */
export const SHARED_SUBSCRIPTION = `$share/yuanqi/${TELEMETRY_SUBSCRIPTION}`;

/** The device id a telemetry topic names, or null if the topic is not one. */
export function deviceIdOfTopic(topic: string): string | null {
  if (!topic.startsWith(TELEMETRY_TOPIC_PREFIX) || !topic.endsWith(TELEMETRY_TOPIC_SUFFIX)) return null;
  const id = topic.slice(TELEMETRY_TOPIC_PREFIX.length, topic.length - TELEMETRY_TOPIC_SUFFIX.length);
  return id.length > 0 && !id.includes('/') ? id : null;
}

/** The embedded broker's own record of a connected device. */
type DeviceSession = { deviceId: string; tokenHash: Buffer };

function authError(message: string, returnCode: 4 | 5): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

/** The embedded aedes broker: devices authenticate with their id and token and publish only to their own topic. */
async function startEmbeddedBroker(ctx: AppContext, log: FastifyBaseLogger, port: number, host: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const { Aedes } = await import('aedes');
  const sessions = new WeakMap<Client, DeviceSession>();
  const writer = telemetryWriter(ctx, log);
  const broker: Aedes = await Aedes.createBroker({
    id: `yuanqi-${process.pid}`,
    authenticate(client, username, password, done) {
      void (async () => {
        const device = username ? await loadDevice(ctx, username) : null;
        if (!device || !tokenMatches(device, password ?? null)) {
          if (device) writer.count(device, refusedMessage('bad_token', '令牌错误'));
          log.info({ clientId: client.id, username }, 'mqtt: device refused (bad id or token)');
          return done(authError('设备编号或令牌错误', 4), false);
        }
        if (device.status !== 'active') {
          writer.count(device, refusedMessage('device_disabled', '设备已停用'));
          return done(authError('设备已停用', 5), false);
        }
        sessions.set(client, { deviceId: device.id, tokenHash: Buffer.from(hashDeviceToken(password!.toString('utf8')), 'hex') });
        done(null, true);
      })().catch((error: unknown) => {
        log.error({ err: error }, 'mqtt: authenticate failed');
        done(authError('服务暂不可用', 5), false);
      });
    },
    authorizePublish(client, packet, done) {
      if (!client) return done(null); // the app's own publications
      const session = sessions.get(client);
      if (session && packet.topic === telemetryTopic(session.deviceId)) return done(null);
      log.info({ clientId: client.id, topic: packet.topic }, 'mqtt: publish to a topic not the device’s own refused');
      done(new Error('设备只能发布到自己的主题'));
    },
    authorizeSubscribe(client, subscription, done) {
      const session = sessions.get(client);
      const own = session ? `${TELEMETRY_TOPIC_PREFIX}${session.deviceId}/` : null;
      // a device may listen to its own topics only (no wildcard reaching other devices)
      if (own && subscription.topic.startsWith(own)) return done(null, subscription);
      done(null, null);
    },
    published(packet, client, done) {
      const session = client ? sessions.get(client) : undefined;
      if (!client || !session || deviceIdOfTopic(packet.topic) !== session.deviceId) return done(null);
      const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
      ingestMqttMessage(ctx, log, session.deviceId, payload, { connectionTokenHash: session.tokenHash })
        .then(({ refused }) => {
          // a rotated or revoked token, or a disabled device: the open connection ends too
          if (refused === 'bad_token' || refused === 'device_disabled' || refused === 'unknown_device') client.close();
          done(null);
        })
        .catch((error: unknown) => {
          log.error({ err: error, deviceId: session.deviceId }, 'mqtt: ingest failed');
          done(null);
        });
    },
  });
  broker.on('clientError', (client, error) => log.debug({ clientId: client.id, err: error }, 'mqtt: client error'));
  const server = net.createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as net.AddressInfo).port;
  return {
    port: bound,
    stop: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * An external broker (MQTT_URL): the app subscribes to the shared subscription (QoS 1) so several
 * app processes split the messages; each message carries the device's token in its payload, which
 * ingest checks. Reconnects on its own when the broker restarts.
 */
async function startExternalClient(ctx: AppContext, log: FastifyBaseLogger, url: string): Promise<() => Promise<void>> {
  const mqtt = await import('mqtt');
  const client = mqtt.connect(url, {
    clientId: `yuanqi-app-${process.pid}-${randomBytes(4).toString('hex')}`,
    clean: true,
    reconnectPeriod: 2_000,
    connectTimeout: 10_000,
    protocolVersion: 5,
  });
  let firstSubscription: (() => void) | null = null;
  client.on('connect', () => {
    log.info({ url: url.replace(/\/\/[^@]*@/, '//***@') }, 'mqtt: connected to the external broker');
    client.subscribe(SHARED_SUBSCRIPTION, { qos: 1 }, (error) => {
      if (error) log.error({ err: error }, 'mqtt: subscribing to the telemetry topics failed');
      firstSubscription?.();
    });
  });
  client.on('error', (error) => log.warn({ err: error }, 'mqtt: external broker error'));
  client.on('offline', () => log.warn('mqtt: external broker unreachable, reconnecting'));
  client.on('message', (topic, payload) => {
    const deviceId = deviceIdOfTopic(topic);
    if (!deviceId) return;
    ingestMqttMessage(ctx, log, deviceId, payload, { token: null }).catch((error: unknown) => log.error({ err: error, deviceId }, 'mqtt: ingest failed'));
  });
  // wait (a while) for the first subscription, so the simulator's or a test's first message is heard;
  // a broker that is down at start is retried in the background
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 5_000);
    firstSubscription = () => {
      clearTimeout(timer);
      firstSubscription = null;
      resolve();
    };
  });
  return async () => {
    await client.endAsync();
  };
}

/** Whether the demo simulator should run: IOT_SIMULATOR=on/off decides, else a park having it switched on. */
async function simulatorWanted(ctx: AppContext, mode: 'auto' | 'on' | 'off'): Promise<boolean> {
  if (mode === 'on') return true;
  if (mode === 'off') return false;
  const row = await ctx.db.selectFrom('industry_settings').select('park_id').where('simulator_enabled', '=', true).limit(1).executeTakeFirst();
  return !!row;
}

/**
 * Starts MQTT telemetry beside the app (main.ts, tests): the embedded broker on MQTT_PORT (or a
 * client of MQTT_URL's broker), the demo simulator when wanted, and makes sure the raw readings'
 * month partitions exist. Resolves to a stop function that also carries the broker's port and URL.
 */
export async function startTelemetry(ctx: AppContext, log: FastifyBaseLogger, options: TelemetryOptions): Promise<TelemetryHandle> {
  await ensureReadingPartitions(ctx.db, ctx.clock.now()).catch((error: unknown) => log.error({ err: error }, 'telemetry: creating reading partitions failed'));
  const writer = telemetryWriter(ctx, log);
  const stops: (() => Promise<void>)[] = [];
  let port: number | null = null;
  let brokerUrl: string | null = null;
  let mode: TelemetryHandle['mode'] = 'off';
  if (options.mqttUrl) {
    stops.push(await startExternalClient(ctx, log, options.mqttUrl));
    brokerUrl = options.mqttUrl;
    mode = 'external';
  } else if (options.mqttPort !== 'off') {
    const host = options.host ?? process.env.HOST ?? '0.0.0.0';
    const wanted = options.mqttPort ?? 1883;
    const broker = await startEmbeddedBroker(ctx, log, wanted, host).catch((error: NodeJS.ErrnoException) => {
      // Another process holds the port (a second app process on this host, or a system Mosquitto):
      // this process serves HTTP without a broker of its own; devices reach the one that has it.
      // Several processes should share an external broker (MQTT_URL): docs/industry/TELEMETRY.md.
      if (error.code !== 'EADDRINUSE') throw error;
      log.warn({ port: wanted }, `mqtt: port ${wanted} is in use; this process runs without an embedded broker (set MQTT_URL for several processes, or MQTT_PORT)`);
      return null;
    });
    if (broker) {
      stops.push(broker.stop);
      port = broker.port;
      brokerUrl = `mqtt://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;
      mode = 'embedded';
      log.info({ port }, `mqtt: embedded broker listening on ${host}:${port}`);
    }
  }
  setEmbeddedBrokerPort(ctx, port, mode === 'external');
  const simulatorMode = options.simulator ?? (process.env.IOT_SIMULATOR === 'on' ? 'on' : process.env.IOT_SIMULATOR === 'off' ? 'off' : 'auto');
  if (brokerUrl && (await simulatorWanted(ctx, simulatorMode))) {
    stops.unshift(await startSimulator(ctx, log, brokerUrl));
    log.info('mqtt: demo device simulator started');
  }
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const s of stops) await s().catch((error: unknown) => log.error({ err: error }, 'telemetry: stopping failed'));
    await writer.flush();
    setEmbeddedBrokerPort(ctx, null, false);
  };
  return Object.assign(stop, { port, brokerUrl, mode });
}

const brokerInfo = new WeakMap<AppContext, { port: number | null; external: boolean }>();

function setEmbeddedBrokerPort(ctx: AppContext, port: number | null, external: boolean): void {
  brokerInfo.set(ctx, { port, external });
}

/** Where this app's devices connect over MQTT (the device page's connection guide). */
export function telemetryBrokerInfo(ctx: AppContext): { port: number | null; external: boolean } {
  return brokerInfo.get(ctx) ?? { port: null, external: !!process.env.MQTT_URL };
}
