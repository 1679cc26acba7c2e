// The layout's rules, checked on every run so they hold without anyone remembering them
// (docs/architecture.md): no import cycles, db/ below every feature, shared/ below everything,
// and no source file past 350 lines.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCE_DIRS = ['server', 'shared', 'widget/src', 'admin/src', 'bench', 'scripts'];
const MAX_LINES = 350;

function sourceFiles(dir: string): string[] {
  const full = path.join(ROOT, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true, recursive: true }).flatMap((entry) => {
    if (!entry.isFile() || !/\.(ts|tsx|mts)$/.test(entry.name) || entry.name.endsWith('.d.ts')) return [];
    return [path.relative(ROOT, path.join(entry.parentPath, entry.name))];
  });
}

/** Every relative import and re-export of a file, type-only ones included, as repository paths. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const specifier =
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier
        ? node.moduleSpecifier
        : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword
          ? node.arguments[0]
          : undefined;
    if (specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith('.'))
      found.push(path.normalize(path.join(path.dirname(file), specifier.text)));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const files = SOURCE_DIRS.flatMap(sourceFiles);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

/** Strongly connected groups of more than one file, or a file importing itself (Tarjan). */
function cycles(): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (file: string) => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        connect(target);
        low.set(file, Math.min(low.get(file) as number, low.get(target) as number));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file) as number, index.get(target) as number));
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1 || graph.get(file)?.includes(file)) found.push(group.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) connect(file);
  return found;
}

const importsFrom = (prefix: string) =>
  [...graph].flatMap(([file, targets]) =>
    file.startsWith(prefix) ? targets.map((target) => `${file} → ${target}`) : [],
  );

describe('the import rules of the layout', () => {
  test('the checker sees the whole tree', () => {
    expect(files.length).toBeGreaterThan(300);
    expect(graph.get('server/app.ts')).toContain('server/storage/storage.ts');
  });

  test('no import cycles, type-only imports included', () => {
    expect(cycles()).toEqual([]);
  });

  test('db/ (connections, migrations, group commit) imports no feature', () => {
    const upward = importsFrom('server/db/').filter(
      (line) => !/→ server\/(db\/|project-root\.ts|clock\.ts|errors\.ts)/.test(line),
    );
    expect(upward).toEqual([]);
  });

  test('shared/ imports only shared/: it is bundled into the widget and the admin', () => {
    expect(importsFrom('shared/').filter((line) => !line.includes('→ shared/'))).toEqual([]);
  });

  test('the widget never imports server code: its bundle stays small and its own', () => {
    expect(importsFrom('widget/src/').filter((line) => !/→ (widget\/src|shared)\//.test(line))).toEqual([]);
  });

  test(`no source file over ${MAX_LINES} lines`, () => {
    const long = files.flatMap((file) => {
      const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n').length;
      return lines > MAX_LINES ? [`${file}: ${lines}`] : [];
    });
    expect(long).toEqual([]);
  });
});
