import * as Y from 'yjs';

/**
 * The rich-text narrative (a TipTap/ProseMirror document stored by y-prosemirror as a
 * Y.XmlFragment) as a small block model that both the Markdown and the HTML export render.
 * Peers may have written anything into the fragment: unknown nodes degrade to their text,
 * nesting and length are capped, nothing throws.
 */
export interface Inline {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  strike?: boolean;
}

export type Block =
  | { type: 'heading'; level: number; inlines: Inline[] }
  | { type: 'paragraph'; inlines: Inline[] }
  | { type: 'list'; ordered: boolean; items: Block[][] }
  | { type: 'quote'; blocks: Block[] }
  | { type: 'code'; text: string }
  | { type: 'rule' };

const MAX_DEPTH = 12;
const MAX_CHARS = 200_000;

interface Budget {
  chars: number;
}

function inlinesOf(node: Y.XmlElement | Y.XmlText, budget: Budget, depth: number): Inline[] {
  const out: Inline[] = [];
  // A loose XmlText (directly in the fragment) is read as if it were inside a paragraph.
  const children = node instanceof Y.XmlText ? [node] : node.toArray();
  for (const child of children) {
    if (budget.chars <= 0) break;
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof op.insert !== 'string') continue;
        const text = op.insert.slice(0, budget.chars);
        budget.chars -= text.length;
        const a = op.attributes ?? {};
        out.push({
          text,
          ...('bold' in a || 'strong' in a ? { bold: true } : {}),
          ...('italic' in a || 'em' in a ? { italic: true } : {}),
          ...('code' in a ? { code: true } : {}),
          ...('strike' in a ? { strike: true } : {}),
        });
      }
    } else if (child instanceof Y.XmlElement) {
      if (child.nodeName === 'hardBreak') out.push({ text: '\n' });
      else if (depth < MAX_DEPTH) out.push(...inlinesOf(child, budget, depth + 1));
      else out.push({ text: flatText(child, budget) });
    }
  }
  return out;
}

/** All text under a node, without recursion (for nesting deeper than we render). */
function flatText(node: Y.XmlElement, budget: Budget): string {
  let out = '';
  const stack: unknown[] = [node];
  while (stack.length > 0 && budget.chars > 0) {
    const next = stack.pop();
    if (next instanceof Y.XmlText) {
      const ops = next.toDelta() as { insert?: unknown }[];
      const text = ops.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('').slice(0, budget.chars);
      budget.chars -= text.length;
      out += text;
    } else if (next instanceof Y.XmlElement) {
      stack.push(...next.toArray().reverse());
    }
  }
  return out;
}

function blocksOf(node: Y.XmlElement | Y.XmlFragment, budget: Budget, depth: number): Block[] {
  const blocks: Block[] = [];
  for (const child of node.toArray()) {
    if (budget.chars <= 0) break;
    if (child instanceof Y.XmlText) {
      const inlines = inlinesOf(child, budget, depth);
      if (inlines.length > 0) blocks.push({ type: 'paragraph', inlines });
      continue;
    }
    if (!(child instanceof Y.XmlElement)) continue;
    const name = child.nodeName;
    if (depth >= MAX_DEPTH) {
      blocks.push({ type: 'paragraph', inlines: inlinesOf(child, budget, depth) });
      continue;
    }
    switch (name) {
      case 'heading': {
        const raw = Number(child.getAttribute('level'));
        const level = Number.isInteger(raw) && raw >= 1 && raw <= 6 ? raw : 2;
        blocks.push({ type: 'heading', level, inlines: inlinesOf(child, budget, depth + 1) });
        break;
      }
      case 'bulletList':
      case 'orderedList': {
        const items = child
          .toArray()
          .filter((i): i is Y.XmlElement => i instanceof Y.XmlElement)
          .map((item) => blocksOf(item, budget, depth + 1));
        blocks.push({ type: 'list', ordered: name === 'orderedList', items });
        break;
      }
      case 'blockquote':
        blocks.push({ type: 'quote', blocks: blocksOf(child, budget, depth + 1) });
        break;
      case 'codeBlock':
        blocks.push({ type: 'code', text: inlinesOf(child, budget, depth + 1).map((i) => i.text).join('') });
        break;
      case 'horizontalRule':
        blocks.push({ type: 'rule' });
        break;
      default:
        // paragraph, and anything a newer editor writes: keep its text.
        blocks.push({ type: 'paragraph', inlines: inlinesOf(child, budget, depth + 1) });
    }
  }
  return blocks;
}

export function narrativeBlocks(fragment: Y.XmlFragment): Block[] {
  try {
    return blocksOf(fragment, { chars: MAX_CHARS }, 0);
  } catch {
    return [];
  }
}

/** Plain text, one line per block: for comparisons and search. */
export function blocksToPlainText(blocks: readonly Block[]): string {
  const lines: string[] = [];
  const walk = (list: readonly Block[]): void => {
    for (const b of list) {
      if (b.type === 'heading' || b.type === 'paragraph') lines.push(b.inlines.map((i) => i.text).join(''));
      else if (b.type === 'list') for (const item of b.items) walk(item);
      else if (b.type === 'quote') walk(b.blocks);
      else if (b.type === 'code') lines.push(b.text);
    }
  };
  walk(blocks);
  return lines.join('\n').trim();
}
