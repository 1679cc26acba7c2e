// What the product search found: the lines, and which one the popup names.
import type { LineSources } from './read-product-line.ts';
import type { ProductLine } from './types.ts';

export interface FoundProducts {
  readonly lines: ProductLine[];
  /** Lines in the list, including any past MAX_PRODUCT_LINES. */
  readonly count: number;
  /** Index in `lines` of the one to display. */
  readonly main?: number;
  readonly listPath?: string;
  /** The list container, so totals inside it are not mistaken for the order total. */
  readonly listContainer?: number;
  readonly mainSources: LineSources;
}
