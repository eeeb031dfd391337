/**
 * The console's Create page in headless Chromium against the sandboxes: a connector of each source created from the
 * page (and found in its source afterwards), a Test of a new connector's form showing its result, and a refusal
 * naming the field, which gets the focus. Needs the console built (`npm run test:browser` builds it first).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/screenshot.js';
import { startTestStack, type TestStack } from '../helpers/gateway.js';

interface Created {
  connector: { __typename: string; displayName: string; source: string } | null;
}

describe('creating connectors in the console', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  let origin: string;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startTestStack(), launchChromium()]);
    origin = new URL(stack.gateway.url).origin;
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(8000);
  }, 60_000);

  afterAll(async () => {
    await browser.close();
    await stack.stop();
  });

  const openCreate = async (source: 'Logto' | 'ConductorOne' | 'SailPoint'): Promise<void> => {
    await page.goto('about:blank');
    await page.goto(`${origin}/console/#/new`);
    await page.getByRole('radio', { name: source }).check();
  };

  /** The id of the connector page the console opened after a create, and that connector as the gateway reads it. */
  const openedConnector = async (): Promise<{ id: string; connector: Created['connector'] }> => {
    await page.waitForURL(/#\/connector\//);
    const id = decodeURIComponent(new URL(page.url()).hash.replace('#/connector/', ''));
    const { body } = await stack.gql<Created>('query($id: ID!) { connector(id: $id) { __typename displayName source } }', { id });
    return { id, connector: body.data?.connector ?? null };
  };

  const fillOidc = async (): Promise<void> => {
    await page.getByLabel('Factory').selectOption('oidc');
    await page.getByLabel('Authorization Endpoint').fill('https://idp.example.com/oauth2/authorize');
    await page.getByLabel(/Token Endpoint\W*$/).fill('https://idp.example.com/oauth2/token');
    await page.getByLabel('Client ID').fill('console-client');
    await page.getByLabel('Client Secret').fill('console-secret-not-a-real-one');
    // Locked by its name (a token's), yet a choice: its options are offered, none picked.
    await page.getByLabel(/Token Endpoint Auth Method/).selectOption({ label: 'client_secret_post' });
    await page.getByLabel('ID Token Verification').fill('{"jwksUri": "https://idp.example.com/oauth2/keys"}');
  };

  it('names the field a Logto create is missing, focuses it, and sends nothing', async () => {
    await openCreate('Logto');
    await fillOidc();
    await page.getByLabel('ID Token Verification').fill('');
    stack.resetCalls();
    await page.getByRole('button', { name: 'Create' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toContain('ID Token Verification');
    await expect(alert.innerText()).resolves.toContain('Target');
    // The first field named has the focus: the target (above the form), which a standard factory's connector needs.
    await expect(page.locator(':focus').getAttribute('id')).resolves.toBe('new-metadata_target');
    await expect(page.getByLabel('Target').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(stack.logtoCalls({ method: 'POST' })).toBe(0);
  });

  it('tests a new Logto connector before creating it, then creates it and opens its page', async () => {
    await openCreate('Logto');
    await fillOidc();
    const target = `console-${Date.now()}`;
    await page.getByLabel('Target').fill(target);
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Console OIDC');
    await page.getByRole('button', { name: 'Test' }).click();
    const result = page.locator('.test-passed, [role=alert]').first();
    await result.waitFor();
    await expect(result.innerText()).resolves.toMatch(/^Test passed/);
    expect(stack.logto.store.connectors().some((c) => c.metadata.target === target)).toBe(false);

    await page.getByRole('button', { name: 'Create' }).click();
    const { connector } = await openedConnector();
    expect(connector).toMatchObject({ __typename: 'LoginConnector', displayName: 'Console OIDC', source: 'LOGTO' });
    const stored = stack.logto.store.connectors().find((c) => c.metadata.target === target);
    expect(stored?.config).toMatchObject({ clientId: 'console-client', scope: 'openid', tokenEndpointAuthMethod: 'client_secret_post' });
    await page.getByRole('heading', { name: /Console OIDC/ }).waitFor();
    await page.locator('.toast', { hasText: 'Created Console OIDC.' }).waitFor();
  });

  it("shows a failed test of a new connector with the source's reason", async () => {
    await openCreate('Logto');
    await page.getByLabel('Factory').selectOption('simple-mail-transfer-protocol');
    await page.getByLabel('Host').fill('smtp.example.com');
    await page.getByLabel('Username').fill('mailer');
    await page.getByLabel('Password').fill('not-a-real-password');
    await page.getByLabel('From Email').fill('no-reply@example.com');
    await page.getByLabel('Send the test email to').fill('not-an-address');
    await page.getByRole('button', { name: 'Test' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toMatch(/^Test failed/);
    await expect(alert.innerText()).resolves.toMatch(/sendTo|email/i);
  });

  it('creates a ConductorOne app connector from a catalog entry in an App', async () => {
    await openCreate('ConductorOne');
    const entry = page.getByLabel('Catalog entry');
    await entry.locator('option').nth(1).waitFor({ state: 'attached' });
    const { body } = await stack.gql<{ connectorCatalog: { id: string; form: unknown }[] }>('{ connectorCatalog { id form { valueKind } } }');
    const withForm = body.data?.connectorCatalog.find((e) => e.form !== null);
    if (!withForm) throw new Error('The ConductorOne sandbox has no catalog entry with a form.');
    await entry.selectOption(withForm.id);
    await page.getByRole('combobox', { name: 'App', exact: true }).locator('option').nth(1).waitFor({ state: 'attached' });
    await page.getByRole('combobox', { name: 'App', exact: true }).selectOption({ index: 1 });
    const name = `Console app connector ${Date.now()}`;
    await page.getByLabel('Display name').fill(name);
    await page.getByRole('button', { name: 'Test' }).click();
    await page.locator('.test-passed').waitFor();
    await page.getByRole('button', { name: 'Create' }).click();
    const { connector } = await openedConnector();
    expect(connector).toMatchObject({ __typename: 'AppConnector', displayName: name, source: 'CONDUCTORONE' });
  });

  it('asks for the App before creating a ConductorOne connector', async () => {
    await openCreate('ConductorOne');
    const entry = page.getByLabel('Catalog entry');
    await entry.locator('option').nth(1).waitFor({ state: 'attached' });
    await entry.selectOption({ index: 1 });
    stack.resetCalls();
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('App');
    await expect(page.locator(':focus').getAttribute('id')).resolves.toBe('new-appId');
    expect(stack.c1Calls({ method: 'POST', pathIncludes: 'connectors' })).toBe(0);
  });

  it('creates a SailPoint script connector and opens its page with its files', async () => {
    await openCreate('SailPoint');
    const name = `Console script ${Date.now()}`;
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await page.getByRole('button', { name: 'Create' }).click();
    const { connector } = await openedConnector();
    expect(connector).toMatchObject({ __typename: 'ScriptConnector', displayName: name, source: 'SAILPOINT' });
    expect(stack.sailpoint.store.list().find((c) => c.name === name)).toMatchObject({
      className: 'sailpoint.connector.OpenConnectorAdapter',
      status: 'DEVELOPMENT',
      directConnect: true,
    });
    await page.getByRole('heading', { name: 'Files' }).waitFor();
  });

  it("shows SailPoint's refusal of a name it already has", async () => {
    const taken = stack.sailpoint.store.list()[0]?.name;
    if (taken === undefined) throw new Error('The SailPoint sandbox has no connector.');
    await openCreate('SailPoint');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(taken);
    await page.getByRole('button', { name: 'Create' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toContain('Not created: SailPoint refused the connector.');
    expect(page.url()).toMatch(/#\/new$/);
  });
});
