// The built widget: one IIFE within the gzip budget (scripts/size.mjs) that boots from its tag and leaks no globals.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const outDir = mkdtempSync(join(tmpdir(), 'proofhook-widget-'));
const file = join(outDir, 'widget.js');
let bundle = '';

beforeAll(async () => {
  // Same config as `npm run build:widget`, into a temporary directory so that tests never touch dist/.
  await build({ configFile: 'vite.config.ts', logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  bundle = readFileSync(file, 'utf8');
}, 60_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const size = (path: string) => spawnSync(process.execPath, ['scripts/size.mjs', path], { encoding: 'utf8' });

describe('widget bundle', () => {
  test('scripts/size.mjs reports raw, gzip and brotli bytes and passes within 18 KB gzip', () => {
    const result = size(file);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/raw\s+\d+ B/);
    expect(result.stdout).toMatch(/gzip\s+\d+ B/);
    expect(result.stdout).toMatch(/brotli\s+\d+ B/);
  });

  test('scripts/size.mjs fails over budget and on a missing file', () => {
    const tooBig = join(outDir, 'too-big.js');
    writeFileSync(tooBig, randomBytes(20 * 1024).toString('base64'));
    expect(size(tooBig).status).toBe(1);
    expect(size(join(outDir, 'missing.js')).status).toBe(1);
  });

  test('is one minified IIFE without HTML sinks, eval or socket.io-client', () => {
    expect(bundle.startsWith('(function(){')).toBe(true);
    expect(bundle.split('\n').filter(Boolean)).toHaveLength(1);
    for (const forbidden of [
      'innerHTML',
      'outerHTML',
      'insertAdjacentHTML',
      'document.write',
      'eval(',
      'new Function',
      'engine.io-client',
    ]) {
      expect(bundle).not.toContain(forbidden);
    }
  });

  test('is plain ASCII, so a page that assumes another charset cannot garble it', () => {
    expect(bundle).toMatch(/^[\x20-\x7e\t\n]*$/);
  });

  test('carries the minified stylesheet with :host { all: initial } and reduced-motion handling', () => {
    expect(bundle).toContain(':host{all:initial}');
    expect(bundle).toContain('@media (prefers-reduced-motion:reduce){.card,.card.out{animation:none}}');
    expect(bundle).not.toContain('/*');
  });

  test('boots from its script tag in a page and defines no global', async () => {
    const window = new Window({ url: 'https://shop.example/', settings: { enableJavaScriptEvaluation: true } });
    const { document } = window;
    const script = document.createElement('script');
    script.type = 'text/x-not-run'; // the test evaluates the bundle itself below
    script.setAttribute('src', 'https://proof.example/widget.js');
    script.setAttribute('data-key', 'wk_bundle');
    document.body.appendChild(script);
    const opened: string[] = [];
    const page = window as unknown as Record<string, unknown> & { eval(code: string): unknown };
    page.WebSocket = class {
      constructor(url: string) {
        opened.push(url);
      }
      send() {}
      close() {}
    };
    const globalsBefore = new Set(Object.keys(page));
    page.eval(bundle);
    page.eval(bundle); // a second copy of the tag must not boot twice
    expect(Object.keys(page).filter((name) => !globalsBefore.has(name))).toEqual([]);
    expect(document.querySelectorAll('proofhook-widget')).toHaveLength(1);
    expect(opened).toEqual(['wss://proof.example/socket.io/?EIO=4&transport=websocket']);
    await window.happyDOM.close();
  });
});
