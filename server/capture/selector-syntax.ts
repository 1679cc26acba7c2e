// Checks a form selector's syntax on the server, which has no DOM: a selector the browser would
// refuse (document.querySelector throws a SyntaxError) is a 400 naming what is wrong, not a rule that
// silently never matches. The grammar is that of Selectors Level 4 (https://www.w3.org/TR/selectors-4/):
// lists of complex selectors of type, universal, #id, .class, [attribute] and :pseudo-class parts
// joined by combinators. Pseudo-elements never match a form, so they are refused too.

export const MAX_SELECTOR_LENGTH = 300;

/** Pseudo-classes whose argument is a selector list (`:has` takes relative selectors). */
const SELECTOR_ARGUMENT = new Set(['not', 'is', 'where', 'has', 'matches']);
const NTH = new Set(['nth-child', 'nth-last-child', 'nth-of-type', 'nth-last-of-type']);
const NTH_ARGUMENT = /^\s*(odd|even|[+-]?\d*n(\s*[+-]\s*\d+)?|[+-]?\d+)(\s+of\s+.+)?\s*$/i;

const IDENT =
  /^-?(?:[_a-zA-Z\u00a0-\uffff]|\\.)(?:[-_a-zA-Z0-9\u00a0-\uffff]|\\.)*|^--(?:[-_a-zA-Z0-9\u00a0-\uffff]|\\.)*/;
const STRING = /^"(?:[^"\\\n]|\\.)*"|^'(?:[^'\\\n]|\\.)*'/;
const ATTRIBUTE_OPERATOR = /^[~|^$*]?=/;

class SelectorError extends Error {}

function fail(message: string): never {
  throw new SelectorError(message);
}

/** A cursor over the selector text. */
function reader(text: string) {
  let at = 0;
  return {
    get at() {
      return at;
    },
    rest: () => text.slice(at),
    peek: () => text[at],
    done: () => at >= text.length,
    skipSpace: () => {
      const start = at;
      while (at < text.length && /\s/.test(text[at] as string)) at += 1;
      return at > start;
    },
    take(pattern: RegExp): string | undefined {
      const match = pattern.exec(text.slice(at));
      if (!match) return undefined;
      at += match[0].length;
      return match[0];
    },
    /** The text up to the `)` that closes a `(` just read, balanced over nested parentheses and strings. */
    argument(): string {
      const start = at;
      let depth = 1;
      while (at < text.length) {
        const quoted = STRING.exec(text.slice(at));
        if (quoted) {
          at += quoted[0].length;
          continue;
        }
        const char = text[at];
        if (char === '\\') at += 1;
        else if (char === '(') depth += 1;
        else if (char === ')' && --depth === 0) {
          at += 1;
          return text.slice(start, at - 1);
        }
        at += 1;
      }
      return fail('a "(" is never closed');
    },
  };
}

type Reader = ReturnType<typeof reader>;

function readPseudo(r: Reader): void {
  if (r.peek() === ':') fail('pseudo-elements (::before…) never match a form');
  const name = r.take(IDENT)?.toLowerCase() ?? fail('":" must be followed by a pseudo-class name');
  if (!r.take(/^\(/)) return;
  const argument = r.argument();
  if (SELECTOR_ARGUMENT.has(name)) checkList(argument, name === 'has');
  else if (NTH.has(name) && !NTH_ARGUMENT.test(argument)) fail(`":${name}(${argument})" is not an An+B formula`);
  else if (argument.trim() === '') fail(`":${name}()" needs an argument`);
}

function readAttribute(r: Reader): void {
  r.skipSpace();
  r.take(/^(?:[-_a-zA-Z0-9]*|\*)\|(?!=)/); // a namespace prefix
  if (!r.take(IDENT)) fail('"[" must be followed by an attribute name');
  r.skipSpace();
  if (r.take(ATTRIBUTE_OPERATOR)) {
    r.skipSpace();
    if (!r.take(STRING) && !r.take(IDENT)) fail('an attribute value must be a word or a quoted text');
    r.skipSpace();
    if (r.take(/^[is](?![-_a-zA-Z0-9])/i)) r.skipSpace();
  }
  if (!r.take(/^\]/)) fail('a "[" is never closed with "]"');
}

/** One compound selector (`form#signup.wide[data-x]:not(.old)`); false when there is none here. */
function readCompound(r: Reader): boolean {
  const start = r.at;
  r.take(/^(?:[-_a-zA-Z0-9]*|\*)\|(?!=)/);
  if (!r.take(/^\*/)) r.take(IDENT);
  for (;;) {
    const char = r.peek();
    if (char === '#') {
      r.take(/^#/);
      if (!r.take(IDENT)) fail('"#" must be followed by an id');
    } else if (char === '.') {
      r.take(/^\./);
      if (!r.take(IDENT)) fail('"." must be followed by a class name');
    } else if (char === '[') {
      r.take(/^\[/);
      readAttribute(r);
    } else if (char === ':') {
      r.take(/^:/);
      readPseudo(r);
    } else break;
  }
  return r.at > start;
}

/** A complex selector: compounds joined by combinators (`form > .fields input`). */
function readComplex(r: Reader, relative: boolean): void {
  r.skipSpace();
  if (relative && r.take(/^[>+~]/)) r.skipSpace();
  if (!readCompound(r)) fail(r.done() ? 'a selector is missing' : `unexpected "${r.peek()}"`);
  for (;;) {
    const spaced = r.skipSpace();
    if (r.done() || r.peek() === ',') return;
    if (r.take(/^[>+~]/)) r.skipSpace();
    else if (!spaced) fail(`unexpected "${r.peek()}"`);
    if (!readCompound(r)) fail(r.done() ? 'a combinator must be followed by a selector' : `unexpected "${r.peek()}"`);
  }
}

function checkList(text: string, relative = false): void {
  const r = reader(text);
  for (;;) {
    readComplex(r, relative);
    r.skipSpace();
    if (r.done()) return;
    if (!r.take(/^,/)) fail(`unexpected "${r.peek()}"`);
  }
}

/** Undefined when `selector` is a valid selector list; else what is wrong, as words after "because". */
export function selectorProblem(selector: string): string | undefined {
  if (selector.trim() === '') return 'it is empty';
  if (selector.length > MAX_SELECTOR_LENGTH) return `it is longer than ${MAX_SELECTOR_LENGTH} characters`;
  try {
    checkList(selector);
    return undefined;
  } catch (error) {
    if (error instanceof SelectorError) return error.message;
    throw error;
  }
}
