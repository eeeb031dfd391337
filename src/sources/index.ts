/**
 * THE registry: the sources the gateway serves, in the documented list order (the order of `connectors`:
 * CONDUCTORONE, LOGTO, SAILPOINT). The only file outside `src/sources/<x>/` that imports a source's folder; adding a
 * source is its folder plus a line here (README "Adding a source"). Internal module.
 */
import { conductoroneSource } from './conductorone/index.js';
import { logtoSource } from './logto/index.js';
import type { ConnectorSource } from './port.js';
import { sailpointSource } from './sailpoint/index.js';

export const SOURCES = [conductoroneSource, logtoSource, sailpointSource] as const satisfies readonly ConnectorSource[];
