import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../test-support/temp.js';
import { haveChromium, launchChromium } from './browser.js';
import { startDemoServer, type DemoServer } from './demo-server.js';

/**
 * The workbench in a real browser against a real server on a fresh demo database: sign in,
 * triage alerts with the keyboard, open an entity, open a case, write in it, export its dossier,
 * look at the dashboard and the route map; screenshots at two sizes; no console errors.
 */
// The callbacks given to waitForFunction run in the page; the root tsconfig has no DOM library.
declare const document: { querySelector(selector: string): { textContent: string | null } | null };

const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../test-artifacts/workbench');
const ANALYST = { name: 'demo-analyst', role: 'analyst', password: 'workbench-demo-password' };
const VIEWER = { name: 'demo-viewer', role: 'viewer', password: 'workbench-viewer-password' };
const SUPERVISOR = { name: 'demo-supervisor', role: 'supervisor', password: 'workbench-supervisor-password' };
const AMLSIM_SAMPLE = join(SHARED_DATA, 'amlsim-format/transactions_sample.csv');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

interface AlertRow {
  id: string;
  status: string;
  assigneeId: string | null;
  reason: string | null;
  caseId: string | null;
}

describe.skipIf(!haveChromium())('the analyst workbench in Chromium', () => {
  let server: DemoServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  let assignedId = '';

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startDemoServer([ANALYST, VIEWER, SUPERVISOR]);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: SIZES[0], acceptDownloads: true });
    page = await context.newPage();
    page.on('console', (msg) => {
      // The one expected failure: the deliberately wrong password's 401 from the login route.
      const expected = msg.location().url.endsWith('/api/auth/login') && msg.text().includes('401');
      if (msg.type() === 'error' && !expected) problems.push(`console: ${msg.text()} (${msg.location().url})`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signInAs(user: { name: string; password: string }): Promise<void> {
    await page.click('button:has-text("Sign out")');
    await page.waitForSelector('input[name=name]');
    await page.fill('input[name=name]', user.name);
    await page.fill('input[name=password]', user.password);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=whoami]');
  }

  /** Screenshots of the current screen at both sizes, back at the first afterwards. */
  async function shoot(name: string): Promise<void> {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.waitForTimeout(250); // charts and the map follow their box size
      await page.screenshot({ path: join(ARTIFACTS, `${name}-${size.width}x${size.height}.png`), fullPage: false });
    }
    await page.setViewportSize(SIZES[0]);
  }

  /** Reads the API with the page's own session, as the app does. */
  const apiGet = <T>(url: string): Promise<T> =>
    page.evaluate(async (u) => {
      const r = await fetch(u, { headers: { accept: 'application/json' } });
      return (await r.json()) as unknown;
    }, url) as Promise<T>;

  it('refuses a wrong password and signs the analyst in', async () => {
    await page.goto(server.url);
    expect(page.url()).toBe(`${server.url}/app/`);
    await page.fill('input[name=name]', ANALYST.name);
    await page.fill('input[name=password]', 'not the password at all');
    await page.click('button[type=submit]');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('wrong name or password');
    await page.fill('input[name=password]', ANALYST.password);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=whoami]');
    expect(await page.textContent('[data-testid=whoami]')).toContain('demo-analyst · analyst');
    // Role-aware navigation: an analyst sees no Users screen.
    expect(await page.locator('nav a', { hasText: 'Users' }).count()).toBe(0);
  });

  it('shows the dashboard with charts of the alerts', async () => {
    await page.waitForSelector('[data-testid=chart-detector] canvas');
    const total = Number(await page.textContent('[data-testid=dashboard-total]'));
    const api = await apiGet<{ total: number }>('/api/alerts?limit=1');
    expect(total).toBe(api.total);
    expect(total).toBeGreaterThan(0);
    await page.waitForSelector('[data-testid=chokepoints] tbody tr');
    await page.waitForSelector('[data-testid=chart-routes] canvas');
    // The world's ground truth: caught versus planted, as the evaluation API computes it.
    await page.waitForSelector('[data-testid=chart-kg] canvas');
    const evaluation = await apiGet<{ byScheme: { found: boolean }[] }>('/api/evaluation');
    const found = evaluation.byScheme.filter((s) => s.found).length;
    expect(await page.textContent('[data-testid=evaluation]')).toContain(
      `schemes found ${found} of ${evaluation.byScheme.length}`,
    );
    await shoot('dashboard');
  });

  it('triages alerts with the keyboard: assign, dismiss with a reason, escalate to a case', async () => {
    await page.click('nav a:has-text("Alerts")');
    await page.waitForSelector('[data-testid=alert-list] li[data-alert-id]');
    const ids = await page.$$eval('[data-testid=alert-list] li[data-alert-id]', (els) =>
      els.map((e) => e.getAttribute('data-alert-id')!),
    );
    expect(ids.length).toBeGreaterThan(3);
    // The detail shows the reasons with their evidence.
    expect(await page.locator('[data-testid=reasons] li').count()).toBeGreaterThan(0);
    await shoot('alerts');

    // a: assign the first alert to me.
    await page.keyboard.press('a');
    await page.waitForSelector('[data-testid=notice]:has-text("assigned")');
    const me = await apiGet<{ user: { id: string } }>('/api/auth/session');
    const first = await apiGet<AlertRow>(`/api/alerts/${ids[0]}`);
    assignedId = ids[0]!;
    expect(first.status).toBe('assigned');
    expect(first.assigneeId).toBe(me.user.id);

    // The queue shows open alerts; the assigned one left it. Dismiss the next with a reason.
    await page.waitForFunction((id) => !document.querySelector(`[data-alert-id="${id}"]`), ids[0]);
    const second = await page.getAttribute('[data-testid=alert-list] li.selected', 'data-alert-id');
    await page.keyboard.press('d');
    await page.fill('input[aria-label="dismissal reason"]', 'known importer, paperwork checked');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=notice]:has-text("dismissed")');
    const dismissed = await apiGet<AlertRow>(`/api/alerts/${second}`);
    expect(dismissed.status).toBe('dismissed');
    expect(dismissed.reason).toBe('known importer, paperwork checked');

    // j then e: escalate the alert after the selected one into a new case.
    await page.waitForFunction((id) => !document.querySelector(`[data-alert-id="${id}"]`), second);
    await page.keyboard.press('j');
    const third = await page.getAttribute('[data-testid=alert-list] li.selected', 'data-alert-id');
    await page.keyboard.press('e');
    await page.waitForSelector('[data-testid=case-title]');
    const escalated = await apiGet<AlertRow>(`/api/alerts/${third}`);
    expect(escalated.status).toBe('escalated');
    expect(page.url()).toContain(`/app/cases/${escalated.caseId}`);
  });

  it('opens an entity from a shipment alert, with names, sources and a timeline', async () => {
    await page.click('nav a:has-text("Alerts")');
    // "mine": the alert assigned earlier, whatever its status now.
    await page.check('input[aria-label="assigned to me"]');
    await page.waitForSelector(`[data-testid=alert-list] li[data-alert-id="${assignedId}"]`);
    await page.uncheck('input[aria-label="assigned to me"]');
    await page.selectOption('select[aria-label=detector]', 'trade-screening');
    await page.selectOption('select[aria-label=status]', '');
    await page.waitForSelector('[data-testid=alert-detail] .entity-link');
    await page.click('[data-testid=alert-detail] .entity-link');
    await page.waitForSelector('[data-testid=entity-name]');
    const id = decodeURIComponent(page.url().split('/app/entities/')[1]!);
    const profile = await apiGet<{ entity: { properties: Record<string, string[]> } }>(`/api/entities/${id}`);
    expect(await page.textContent('[data-testid=entity-name]')).toBe(profile.entity.properties['name']![0]);
    expect(await page.textContent('[data-testid=entity-names]')).toContain('demo-world');
    await page.waitForSelector('[data-testid=timeline] tr');
    await shoot('entity');
  });

  it('opens a case on the entity, adds a note and exports a self-contained dossier', async () => {
    const entityName = (await page.textContent('[data-testid=entity-name]'))!;
    await page.click('button:has-text("Open a case on this entity")');
    await page.waitForSelector('[data-testid=case-title]');
    expect(await page.textContent('[data-testid=case-title]')).toBe(`Investigation: ${entityName}`);
    expect(await page.locator('[data-testid=case-entities] li').count()).toBe(1);
    await page.fill('textarea[aria-label=note]', 'Shipper shares an address with two others <b>not bold</b>.');
    await page.click('button:has-text("Add note")');
    await page.waitForSelector('[data-testid=case-notes] li');
    await page.selectOption('select[aria-label="evidence kind"]', 'url');
    await page.fill('input[aria-label="evidence reference"]', 'https://example.org/press/anhong');
    await page.fill('input[aria-label="evidence note"]', 'press report');
    await page.click('button:has-text("Attach")');
    await page.waitForSelector('[data-testid=case-evidence] td:has-text("press report")');
    await page.click('button:has-text("Move to investigating")');
    await page.waitForSelector('[data-testid=case-status]:has-text("investigating")');
    await shoot('case');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-dossier]')]);
    const path = join(ARTIFACTS, download.suggestedFilename());
    await download.saveAs(path);
    const html = readFileSync(path, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`Investigation: ${escapeHtml(entityName)}`);
    expect(html).toContain('&lt;b&gt;not bold&lt;/b&gt;'); // notes are escaped, not markup
    expect(html).toContain('investigating');
    expect(html).toContain('https://example.org/press/anhong');
    expect(html).toContain(`${escapeHtml(entityName)} (`); // the linked entity by name
    // Self-contained: no scripts, no external references.
    expect(html).not.toMatch(/<script|src=|href=/i);

    // The dossier opens on its own in the browser.
    const dossier = await context.newPage();
    await dossier.goto(`file://${path}`);
    expect(await dossier.textContent('h1')).toBe(`Investigation: ${entityName}`);
    await dossier.screenshot({ path: join(ARTIFACTS, 'dossier-1280x800.png') });
    // And prints to PDF with Chromium's own print.
    const pdf = await dossier.pdf({ path: join(ARTIFACTS, download.suggestedFilename().replace(/\.html$/, '.pdf')) });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await dossier.close();
  });

  it('explores the network around an entity near a designated party', async () => {
    const near = await apiGet<{ items: { subjectId: string; reasons: { ruleId: string; text: string }[] }[] }>(
      '/api/alerts?detectorId=network&subjectKind=entity&limit=100&status=open',
    );
    const subject = near.items.find((a) => a.reasons.some((r) => r.ruleId === 'network.near-designated'));
    expect(subject, 'the tiny world has an entity near a designated party').toBeDefined();
    await page.goto(`${server.url}/app/network?entity=${encodeURIComponent(subject!.subjectId)}`);
    await page.waitForSelector('[data-testid=network-canvas] canvas');
    await page.waitForFunction(() =>
      /\d+ entities/.test(document.querySelector('[data-testid=network-info]')?.textContent ?? ''),
    );
    const order = (): Promise<number> =>
      page.$eval('[data-testid=network-info]', (el) => Number(/(\d+) entities/.exec(el.textContent ?? '')?.[1] ?? 0));
    const first = await order();
    expect(first).toBeGreaterThan(1);
    await page.click('button:has-text("Expand one more ring")');
    await page.waitForFunction((n) => {
      const m = /(\d+) entities/.exec(document.querySelector('[data-testid=network-info]')?.textContent ?? '');
      return m !== null && Number(m[1]) > n;
    }, first);
    await page.selectOption('select[aria-label="colour by"]', 'community');
    await page.click('button:has-text("Path to a designated party")');
    await page.waitForFunction(() =>
      /path of \d+ links to designated/.test(document.querySelector('[data-testid=network-info]')?.textContent ?? ''),
    );
    // No longer than the detector's own finding ("N hops from designated ...") for this entity.
    const links = Number(/path of (\d+) links/.exec((await page.textContent('[data-testid=network-info]'))!)![1]);
    const hops = Number(/(\d+) hops? from designated/.exec(subject!.reasons.map((r) => r.text).join(' '))![1]);
    expect(links).toBeGreaterThan(0);
    expect(links).toBeLessThanOrEqual(hops);
    // The server's path to the designated party is in the selected entity's network reasons.
    await page.waitForSelector('[data-testid=network-selected] [data-testid=reasons]');
    expect(await page.textContent('[data-testid=network-selected]')).toMatch(/hops? from designated/);
    await shoot('network');
  });

  it('draws shipment flows on the offline world map', async () => {
    await page.click('nav a:has-text("Route map")');
    await page.waitForSelector('[data-testid=route-map] path.flow');
    expect(await page.locator('[data-testid=route-map] path.country').count()).toBeGreaterThan(100);
    expect(await page.locator('[data-testid=route-map] path.flow').count()).toBeGreaterThan(3);
    await shoot('route-map');
  });

  it('compares two settings of a lever on simulated worlds (what-if)', async () => {
    await page.click('nav a:has-text("What-if")');
    await page.fill('input[name=lever]', 'investigatorAlertsPerDay');
    await page.fill('input[name=values]', '5,50');
    await page.fill('[data-testid=whatif-form] input[type=number]', '1');
    await page.click('[data-testid=whatif-form] button[type=submit]');
    await page.waitForSelector('[data-testid=whatif-result] tbody tr', { timeout: 90_000 });
    const values = await page.locator('[data-testid=whatif-result] tbody tr td:first-child').allTextContents();
    expect(values).toEqual(['5', '50']);
    await shoot('whatif');
  }, 120_000);

  it('lets a supervisor upload a file and follow its ingest job to the end', async () => {
    await signInAs(SUPERVISOR);
    await page.click('nav a:has-text("Jobs")');
    await page.waitForSelector('[data-testid=ingest-form]');
    await page.setInputFiles('[data-testid=ingest-form] input[type=file]', AMLSIM_SAMPLE);
    await page.selectOption('[data-testid=ingest-form] select[name=format]', 'amlsim-csv');
    await page.fill('[data-testid=ingest-form] input[name=dataset]', 'uploaded-sample');
    await page.click('[data-testid=ingest-form] button[type=submit]');
    await page.waitForFunction(
      () =>
        /ingest transactions_sample\.csv: succeeded/.test(
          document.querySelector('[data-testid=job-detail] h2')?.textContent ?? '',
        ),
      undefined,
      { timeout: 60_000 },
    );
    expect(await page.textContent('[data-testid=job-list] tbody tr:first-child')).toContain('300 rows (100%), 0 rejected');
    expect(await page.textContent('[data-testid=ingest-runs]')).toContain('uploaded-sample');
    await shoot('jobs');
  }, 90_000);

  it('keeps triage away from a viewer', async () => {
    // A viewer has no what-if (it starts jobs) and cannot start jobs on the jobs screen.
    await signInAs(VIEWER);
    await page.click('nav a:has-text("Alerts")');
    await page.waitForSelector('[data-testid=alert-detail] h2');
    expect(await page.locator('button:has-text("Assign to me")').count()).toBe(0);
    expect(await page.locator('nav a:has-text("What-if")').count()).toBe(0);
    await page.click('nav a:has-text("Jobs")');
    await page.waitForSelector('[data-testid=job-list]');
    expect(await page.locator('[data-testid=ingest-form]').count()).toBe(0);
  });

  it('logged no console errors', () => {
    expect(problems).toEqual([]);
  });
});
