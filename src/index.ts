/**
 * `npm start`: loadConfig → startGateway → listen, until SIGINT/SIGTERM, which drain the requests in flight
 * (GATEWAY_SHUTDOWN_GRACE_MS) before the process exits; a second signal (a second or more later) exits at once.
 */
import { ConfigError, loadConfig } from './config/index.js';
import { createLogger } from './logger.js';
import { startGateway } from './server/index.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const gateway = await startGateway({ config, logger });
  logger.info({ url: gateway.url, env: config.env, executor: config.executor }, `connector-gateway listening on ${gateway.url}`);
  let stoppingSince: number | undefined;
  const shutdown = (signal: string) => {
    if (stoppingSince !== undefined) {
      // The same Ctrl-C often arrives twice (from the terminal and forwarded by npm or tsx): only a signal a second
      // or more after the first means that the operator does not want to wait for the drain.
      if (performance.now() - stoppingSince < 1000) return;
      logger.warn({ signal }, 'second signal: exiting without waiting for requests in flight');
      process.exit(1);
    }
    stoppingSince = performance.now();
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down: draining requests in flight');
    // If closing the pools or Apollo hangs past the grace time, do not hang with it.
    setTimeout(() => {
      logger.error({ signal }, 'shutdown did not finish in time');
      process.exit(1);
    }, config.shutdownGraceMs + 5_000).unref();
    gateway.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
