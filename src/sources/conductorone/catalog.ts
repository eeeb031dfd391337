/**
 * ConductorOne's connector catalog as the tenant's connectors show it. ConductorOne's public API has no operation
 * that lists the catalog: `ConnectorService` creates from a `catalogId` without saying which ids exist, and
 * `ConnectorCatalogService.ConfigurationSchema` (`POST /api/v1/connectorcatalog`) describes one id's setup fields
 * without naming the config message's `@type`. So the entries here are the catalog ids of the tenant's own
 * connectors, each with the config `@type` they share and a form of the config keys they use. Internal module.
 */
import { BadUserInputError } from '../../errors/classes.js';
import type { RawSettingsField } from '../../graph/settings.js';
import type { SourceContext } from '../port.js';
import type { C1App, C1Connector } from './client.js';
import { conductorone } from './context.js';
import { configField, setString, TYPE_KEY } from './mappers.js';
import { C1_MAX_PAGE } from './paging.js';

/** One catalog entry, as the tenant's connectors of it show it. */
export interface C1CatalogEntry {
  /** The `catalogId` a create takes. */
  id: string;
  /** The display name of its oldest connector (ConductorOne's API names no entry). */
  name: string;
  /** The config `@type` all its configured connectors share; null when none has a config, or they disagree. */
  configType: string | null;
  /** The config keys its connectors of `configType` use, as fields without values; null without a `configType`. */
  form: RawSettingsField[] | null;
  /** How many of the tenant's connectors are of it. */
  connectorCount: number;
}

const byAge = (a: C1Connector, b: C1Connector): number => (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.id.localeCompare(b.id);

/** The form of a config type: every key its configs use (first seen first), the kind from the first set value. */
function formOf(configs: readonly Record<string, unknown>[]): RawSettingsField[] {
  const samples = new Map<string, unknown>();
  for (const config of configs) {
    for (const [key, value] of Object.entries(config)) {
      if (key === TYPE_KEY) continue;
      const seen = samples.get(key);
      if (seen === undefined || seen === null || seen === '') samples.set(key, value);
    }
  }
  return [...samples].map(([key, sample]) => configField(key, sample));
}

/** The catalog entries of these connectors, in catalog id order (connectors without a catalog id are left out). */
export function catalogOf(connectors: readonly C1Connector[]): C1CatalogEntry[] {
  const byCatalog = new Map<string, C1Connector[]>();
  for (const c of connectors) {
    const id = setString(c.catalogId);
    if (id === undefined) continue;
    const list = byCatalog.get(id);
    if (list) list.push(c);
    else byCatalog.set(id, [c]);
  }
  return [...byCatalog]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, list]) => {
      const sorted = [...list].sort(byAge);
      const configs = sorted.flatMap((c) => (c.config && typeof c.config[TYPE_KEY] === 'string' ? [c.config] : []));
      const types = new Set(configs.map((config) => config[TYPE_KEY]));
      const configType = types.size === 1 ? ([...types][0] ?? null) : null;
      const oldest = sorted[0];
      return {
        id,
        name: (oldest && setString(oldest.displayName)) ?? id,
        configType,
        form: configType === null ? null : formOf(configs),
        connectorCount: list.length,
      };
    });
}

/** The most Apps the catalog is read for: a tenant with more is refused (see catalogTooLarge). */
export const C1_CATALOG_MAX_APPS = 200;
/** The most connector list pages (of C1_MAX_PAGE) the catalog reads in all. */
export const C1_CATALOG_MAX_PAGES = 300;
/** How many Apps' connectors are read at the same time. */
export const C1_CATALOG_CONCURRENCY = 6;

/** The refusal of a catalog walk over its bound: what was read is not given (a partial catalog would mislead a create). */
function catalogTooLarge(what: string): BadUserInputError {
  return new BadUserInputError(
    `The connector catalog is read from the connectors of every App, and this tenant has ${what}: the gateway reads it for at most ${C1_CATALOG_MAX_APPS} Apps and ${C1_CATALOG_MAX_PAGES} connector pages, and refuses rather than give part of it. A create can name its config's "@type" instead.`,
    { limit: { apps: C1_CATALOG_MAX_APPS, connectorPages: C1_CATALOG_MAX_PAGES } },
  );
}

/** `fn` over `items`, at most `limit` at a time, results in the order of `items`; the first failure stops new calls. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Every connector of every app of the tenant: the apps first (refused past C1_CATALOG_MAX_APPS, before any connector
 * is read), then each app's connectors page by page, C1_CATALOG_CONCURRENCY apps at a time, refused past
 * C1_CATALOG_MAX_PAGES pages in all.
 */
async function allConnectors(ctx: SourceContext): Promise<C1Connector[]> {
  const { client, loaders } = conductorone(ctx);
  const apps: C1App[] = [];
  let appsToken = '';
  do {
    const page = await client.listApps(C1_MAX_PAGE, appsToken, ctx.requestId);
    apps.push(...page.items);
    if (apps.length > C1_CATALOG_MAX_APPS) throw catalogTooLarge(`more than ${C1_CATALOG_MAX_APPS} Apps`);
    appsToken = page.nextPageToken;
  } while (appsToken !== '');
  for (const app of apps) loaders.appById.prime(app.id, app);
  let pages = 0;
  const perApp = await mapBounded(apps, C1_CATALOG_CONCURRENCY, async (app) => {
    const found: C1Connector[] = [];
    let token = '';
    do {
      if (++pages > C1_CATALOG_MAX_PAGES) throw catalogTooLarge(`more than ${C1_CATALOG_MAX_PAGES} pages of connectors`);
      const page = await loaders.connectorPage.load({ appId: app.id, pageSize: C1_MAX_PAGE, pageToken: token });
      found.push(...page.items);
      token = page.nextPageToken;
    } while (token !== '');
    return found;
  });
  return perApp.flat();
}

// One walk per request, whoever asks (the catalog field, a create without `@type`, a template form, a test).
const walks = new WeakMap<object, Promise<C1CatalogEntry[]>>();

/** The tenant's catalog (see the module comment); read once per request. */
export function connectorCatalog(ctx: SourceContext): Promise<C1CatalogEntry[]> {
  const { loaders } = conductorone(ctx);
  let walk = walks.get(loaders);
  if (walk === undefined) {
    walk = allConnectors(ctx).then(catalogOf);
    walks.set(loaders, walk);
    // A failed walk is not kept: a later ask in the request tries again.
    void walk.catch(() => {
      if (walks.get(loaders) === walk) walks.delete(loaders);
    });
  }
  return walk;
}

/** The catalog entry with this id; undefined when none of the tenant's connectors is of it. */
export async function catalogEntry(ctx: SourceContext, catalogId: string): Promise<C1CatalogEntry | undefined> {
  return (await connectorCatalog(ctx)).find((entry) => entry.id === catalogId);
}

/** Forgets this request's catalog (a create or an update changed the connectors it was read from). */
export function forgetCatalog(ctx: SourceContext): void {
  walks.delete(conductorone(ctx).loaders);
}
