// A small YAML subset reader for dataset cards (README.md front matter): block mappings and
// sequences, plain / single- / double-quoted scalars, flow lists `[a, b]`, comments. Enough for
// the `configs:` (data_files per split) and `dataset_info: features:` sections HF reads; anything
// fancier (anchors, multi-line scalars) is skipped by the caller's error handling.
export type Yaml = string | number | boolean | null | Yaml[] | { [k: string]: Yaml };

interface Line {
  indent: number;
  text: string;
  no: number;
}

function scalar(raw: string): Yaml {
  const s = raw.trim();
  if (s === "" || s === "~" || s === "null") return null;
  if (s.startsWith('"')) return JSON.parse(s) as string;
  if (s.startsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  if (s.startsWith("[") && s.endsWith("]")) {
    const inner = s.slice(1, -1).trim();
    return inner ? splitFlow(inner).map(scalar) : [];
  }
  if (s === "true" || s === "false") return s === "true";
  if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(s)) return Number(s);
  return s;
}

function splitFlow(s: string): string[] {
  const out: string[] = [];
  let cur = "";
  let q: string | null = null;
  for (const ch of s) {
    if (q) {
      cur += ch;
      if (ch === q) q = null;
    } else if (ch === '"' || ch === "'") {
      q = ch;
      cur += ch;
    } else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function stripComment(s: string): string {
  let q: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (q) {
      if (ch === q) q = null;
    } else if (ch === '"' || ch === "'") q = ch;
    else if (ch === "#" && (i === 0 || s[i - 1] === " ")) return s.slice(0, i);
  }
  return s;
}

/** `key: value` split at the first ": " outside quotes (or a trailing ":"). */
function splitKey(s: string): [string, string] | null {
  let q: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (q) {
      if (ch === q) q = null;
    } else if (ch === '"' || ch === "'") q = ch;
    else if (ch === ":" && (i === s.length - 1 || s[i + 1] === " ")) return [String(scalar(s.slice(0, i))), s.slice(i + 1).trim()];
  }
  return null;
}

function parseBlock(lines: Line[], start: number, indent: number): [Yaml, number] {
  let i = start;
  if (i >= lines.length) return [null, i];
  if (lines[i].text.startsWith("- ") || lines[i].text === "-") {
    const arr: Yaml[] = [];
    while (i < lines.length && lines[i].indent === indent && (lines[i].text.startsWith("- ") || lines[i].text === "-")) {
      const rest = lines[i].text.slice(1).trimStart();
      if (rest === "") {
        const [v, next] = parseBlock(lines, i + 1, lines[i + 1]?.indent ?? indent + 2);
        arr.push(v);
        i = next;
      } else if (splitKey(rest)) {
        // "- key: v" starts a mapping whose other keys sit at the indent of "key".
        const inner = indent + (lines[i].text.length - rest.length);
        const sub: Line[] = [{ indent: inner, text: rest, no: lines[i].no }];
        let j = i + 1;
        while (j < lines.length && lines[j].indent >= inner) sub.push(lines[j++]);
        arr.push(parseBlock(sub, 0, inner)[0]);
        i = j;
      } else {
        arr.push(scalar(rest));
        i++;
      }
    }
    return [arr, i];
  }
  const obj: { [k: string]: Yaml } = {};
  while (i < lines.length && lines[i].indent === indent) {
    const kv = splitKey(lines[i].text);
    if (!kv) throw new SyntaxError(`YAML line ${lines[i].no}: expected "key: value", got "${lines[i].text}"`);
    const [k, v] = kv;
    if (v !== "") {
      obj[k] = scalar(v);
      i++;
    } else if (i + 1 < lines.length && (lines[i + 1].indent > indent || (lines[i + 1].indent === indent && lines[i + 1].text.startsWith("-")))) {
      const [val, next] = parseBlock(lines, i + 1, lines[i + 1].indent);
      obj[k] = val;
      i = next;
    } else {
      obj[k] = null;
      i++;
    }
  }
  return [obj, i];
}

/** Parses a YAML document (the subset above). */
export function parseYaml(text: string): Yaml {
  const lines: Line[] = [];
  text.split(/\r?\n/).forEach((raw, no) => {
    const body = stripComment(raw).trimEnd();
    if (body.trim() === "" || body.trim() === "---") return;
    lines.push({ indent: body.length - body.trimStart().length, text: body.trimStart(), no: no + 1 });
  });
  return lines.length ? parseBlock(lines, 0, lines[0].indent)[0] : null;
}

/** The YAML front matter of a dataset card, or null. */
export function readmeFrontMatter(readme: string): Yaml {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readme);
  return m ? parseYaml(m[1]) : null;
}
