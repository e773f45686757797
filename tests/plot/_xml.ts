// A strict little XML reader for the plot tests: it throws on anything not well-formed (unclosed
// or mismatched tags, unquoted or duplicate attributes, a bare "&" or "<" in text), so a test that
// parses an SVG with it checks well-formedness, then counts elements in the tree it returns.
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
function decode(s: string, where: number): string {
  return s.replace(/&([^;]*);|&|</g, (m, ent: string | undefined) => {
    if (ent === undefined) throw new Error(`bare "${m}" at ${where}`);
    const map: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (ent in map) return map[ent]!;
    if (/^#\d+$/.test(ent)) return String.fromCodePoint(Number(ent.slice(1)));
    if (/^#x[0-9a-f]+$/i.test(ent)) return String.fromCodePoint(parseInt(ent.slice(2), 16));
    throw new Error(`unknown entity &${ent}; at ${where}`);
  });
}

export function parseXml(src: string): XmlNode {
  let i = 0;
  if (src.startsWith("<?xml")) i = src.indexOf("?>") + 2;
  const root: XmlNode = { name: "#document", attrs: {}, children: [], text: "" };
  const stack: XmlNode[] = [root];
  while (i < src.length) {
    const lt = src.indexOf("<", i);
    const text = src.slice(i, lt === -1 ? src.length : lt);
    if (text.trim()) {
      if (stack.length === 1) throw new Error(`text outside the root element at ${i}`);
      stack[stack.length - 1]!.text += decode(text, i);
    }
    if (lt === -1) break;
    i = lt;
    if (src.startsWith("<!--", i)) {
      const end = src.indexOf("-->", i);
      if (end === -1) throw new Error(`unclosed comment at ${i}`);
      i = end + 3;
      continue;
    }
    if (src[i + 1] === "/") {
      const m = NAME.exec(src.slice(i + 2));
      const top = stack.pop();
      if (!m || !top || top.name !== m[0]) throw new Error(`mismatched </${m?.[0]}> at ${i}, open: <${top?.name}>`);
      i += 2 + m[0].length;
      while (/\s/.test(src[i] ?? "")) i++;
      if (src[i] !== ">") throw new Error(`bad end tag at ${i}`);
      i++;
      continue;
    }
    const m = NAME.exec(src.slice(i + 1));
    if (!m) throw new Error(`bad tag at ${i}: ${src.slice(i, i + 20)}`);
    const node: XmlNode = { name: m[0], attrs: {}, children: [], text: "" };
    i += 1 + m[0].length;
    for (;;) {
      const ws = /^\s*/.exec(src.slice(i))![0].length;
      i += ws;
      if (src.startsWith("/>", i)) {
        i += 2;
        stack[stack.length - 1]!.children.push(node);
        break;
      }
      if (src[i] === ">") {
        i++;
        stack[stack.length - 1]!.children.push(node);
        stack.push(node);
        break;
      }
      if (!ws) throw new Error(`attributes must be separated by spaces at ${i}`);
      const a = /^([A-Za-z_][\w.:-]*)="([^"<]*)"/.exec(src.slice(i));
      if (!a) throw new Error(`bad attribute at ${i}: ${src.slice(i, i + 30)}`);
      if (a[1]! in node.attrs) throw new Error(`duplicate attribute ${a[1]} at ${i}`);
      node.attrs[a[1]!] = decode(a[2]!, i);
      i += a[0].length;
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (root.children.length !== 1) throw new Error(`expected one root element, got ${root.children.length}`);
  return root.children[0]!;
}

/** Every element below `node` (depth first) whose name and class match. */
export function findAll(node: XmlNode, name: string, cls?: string): XmlNode[] {
  const out: XmlNode[] = [];
  const walk = (n: XmlNode): void => {
    if (n.name === name && (cls === undefined || n.attrs.class === cls)) out.push(n);
    n.children.forEach(walk);
  };
  walk(node);
  return out;
}

/** Width and height from a PNG's IHDR chunk, after checking the 8-byte signature. */
export function pngSize(buf: Buffer): { width: number; height: number } {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!buf.subarray(0, 8).equals(sig)) throw new Error("not a PNG: bad signature");
  if (buf.toString("latin1", 12, 16) !== "IHDR") throw new Error("not a PNG: first chunk is not IHDR");
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}
