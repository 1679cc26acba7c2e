// Body parsing loads busboy and iconv-lite only for the bodies that need them.
import { describe, expect, test, vi } from 'vitest';
import { FORM, multipart, checkNoPollutionAfterEach } from './parse-body-helpers.ts';

checkNoPollutionAfterEach();

describe('parseBody: lazy dependencies', () => {
  test('a JSON body loads neither busboy nor iconv-lite; multipart and latin1 bodies do', async () => {
    const loaded: string[] = [];
    vi.resetModules();
    vi.doMock('busboy', async (importOriginal) => {
      loaded.push('busboy');
      return importOriginal();
    });
    vi.doMock('iconv-lite', async (importOriginal) => {
      loaded.push('iconv-lite');
      return importOriginal();
    });
    try {
      const fresh = await import('../../server/ingest/parse-body.ts');
      await fresh.parseBody(Buffer.from('{"a":"é"}'), 'application/json');
      await fresh.parseBody(Buffer.from('a=%C3%A9'), FORM);
      expect(loaded).toEqual([]);
      await fresh.parseBody(multipart('b', [{ name: 'a', value: 'b' }]), 'multipart/form-data; boundary=b');
      await fresh.parseBody(Buffer.from([0xe9]), 'text/plain; charset=latin1');
      expect(loaded.sort()).toEqual(['busboy', 'iconv-lite']);
    } finally {
      vi.doUnmock('busboy');
      vi.doUnmock('iconv-lite');
      vi.resetModules();
    }
  });
});
