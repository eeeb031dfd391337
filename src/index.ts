/**
 * `npm start`: loadConfig → startGateway → listen, until SIGINT/SIGTERM.
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
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    gateway.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
