import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_DATA, tempDir } from '../test-support/temp.js';
import { download, fetchWatchlists, FetchError } from './fetch.js';
import { readWatchlistFile } from './read.js';

const OFAC = join(SHARED_DATA, 'watchlists/ofac/sdn_2021-07-07');
const UN = join(SHARED_DATA, 'watchlists/un/UN_consolidated_2026-02-27.xml');
const FILES: Record<string, string> = {
  '/ofac/SDN.CSV': join(OFAC, 'sdn.csv'),
  '/ofac/ALT.CSV': join(OFAC, 'alt.csv'),
  '/ofac/ADD.CSV': join(OFAC, 'add.csv'),
  '/ofac/SDN_COMMENTS.CSV': join(OFAC, 'sdn_comments.csv'),
  '/un/consolidated.xml': UN,
};

/** A local stand-in for Treasury's and the UN's servers: real files, and a few misbehaving routes. */
function serve(): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const path = req.url ?? '';
    const file = FILES[path];
    if (file !== undefined) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(readFileSync(file));
    } else if (path === '/slow') {
      res.writeHead(200);
      res.write('36,');
      // Never finishes: the client's timeout must end it.
    } else if (path === '/huge') {
      res.writeHead(200); // no content-length: the limit must be enforced while streaming
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      let sent = 0;
      const push = (): void => {
        while (sent < 40 && res.write(chunk)) sent++;
        if (sent < 40) res.once('drain', push);
        else res.end();
      };
      push();
    } else {
      res.writeHead(404, 'Not Found');
      res.end('no such list');
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })),
  );
}

describe('watchlist fetch (local HTTP server)', () => {
  let server: Server;
  let base: string;
  const t = tempDir('chokepoint-fetch-');
  beforeAll(async () => ({ server, base } = await serve()));
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    t.cleanup();
  });

  it('downloads the OFAC files and the UN XML byte for byte, and they read as lists', async () => {
    const out = join(t.dir, 'lists');
    const result = await fetchWatchlists({ outDir: out, ofacUrl: `${base}/ofac`, unUrl: `${base}/un/consolidated.xml` });
    expect(result.files.map((f) => f.path.slice(out.length + 1)).sort()).toEqual(
      ['ofac/add.csv', 'ofac/alt.csv', 'ofac/sdn.csv', 'ofac/sdn_comments.csv', 'un/consolidated.xml'].sort(),
    );
    expect(readFileSync(join(out, 'ofac/sdn.csv')).equals(readFileSync(join(OFAC, 'sdn.csv')))).toBe(true);
    expect(result.files.find((f) => f.source === 'un')?.bytes).toBe(readFileSync(UN).length);
    expect(result.lists).toEqual([join(out, 'ofac'), join(out, 'un/consolidated.xml')]);
    let n = 0;
    for await (const e of readWatchlistFile(join(out, 'ofac'))) if (e.id === 'ofac-36') n++;
    expect(n).toBe(1);
    expect(readdirSync(join(out, 'ofac')).some((f) => f.includes('.part-'))).toBe(false);
  });

  it('refuses an HTTP error and keeps the file already there', async () => {
    const dest = join(t.dir, 'keep.csv');
    writeFileSync(dest, 'previous');
    await expect(download(`${base}/missing`, dest, 5000, 1 << 20)).rejects.toThrow(/404/);
    expect(readFileSync(dest, 'utf8')).toBe('previous');
  });

  it('cuts off a body over the size limit, leaving no partial file', async () => {
    const dir = join(t.dir, 'huge');
    mkdirSync(dir);
    const error = await download(`${base}/huge`, join(dir, 'x'), 5000, 1 << 20).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect(String(error)).toMatch(/exceeds the 1048576-byte limit/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('gives up on a server that stalls, after the timeout', async () => {
    const dest = join(t.dir, 'slow.csv');
    const started = Date.now();
    await expect(download(`${base}/slow`, dest, 300, 1 << 20)).rejects.toThrow(FetchError);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(existsSync(dest)).toBe(false);
  });

  it('names the URL when the server cannot be reached', async () => {
    await expect(download('http://127.0.0.1:9/x', join(t.dir, 'y'), 2000, 1 << 20)).rejects.toThrow(
      /127\.0\.0\.1:9\/x: request failed/,
    );
  });
});
