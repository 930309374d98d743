/**
 * A small strict XML reader for tests (no XML parser is installed): it rejects mismatched
 * tags, bare "&" or "<", unknown entities and text outside the root, and returns a tree.
 */
export type XmlElement = { name: string; attributes: Record<string, string>; children: XmlElement[]; text: string };

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(raw: string, at: number) {
  if (raw.includes("<")) throw new Error(`Bare "<" near ${at}`);
  return raw.replace(/&([^;]*);|&/g, (match, name: string | undefined) => {
    if (name === undefined) throw new Error(`Bare "&" near ${at}`);
    if (name in ENTITIES) return ENTITIES[name]!;
    const numeric = /^#(\d+)$/.exec(name) ?? /^#x([0-9a-fA-F]+)$/.exec(name);
    if (numeric) return String.fromCodePoint(parseInt(numeric[1]!, name.startsWith("#x") ? 16 : 10));
    throw new Error(`Unknown entity &${name}; near ${at}`);
  });
}

export function parseXml(xml: string): XmlElement {
  let position = 0;
  const declaration = /^<\?xml[^?]*\?>\s*/.exec(xml);
  if (declaration) position = declaration[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const name = /^[A-Za-z_][\w.:-]*/;

  while (position < xml.length) {
    const next = xml.indexOf("<", position);
    const text = xml.slice(position, next === -1 ? xml.length : next);
    const current = stack[stack.length - 1];
    if (current) current.text += decode(text, position);
    else if (text.trim() !== "") throw new Error(`Text outside the root element near ${position}`);
    if (next === -1) break;
    position = next;

    if (xml.startsWith("</", position)) {
      const end = xml.indexOf(">", position);
      const closing = xml.slice(position + 2, end).trim();
      const open = stack.pop();
      if (!open || open.name !== closing)
        throw new Error(`</${closing}> does not close <${open?.name}> near ${position}`);
      position = end + 1;
      continue;
    }
    if (xml.startsWith("<!--", position)) {
      position = xml.indexOf("-->", position) + 3;
      continue;
    }
    const tagName = name.exec(xml.slice(position + 1))?.[0];
    if (!tagName) throw new Error(`Bad tag near ${position}`);
    position += 1 + tagName.length;
    const element: XmlElement = { name: tagName, attributes: {}, children: [], text: "" };
    for (;;) {
      const attribute = /^\s+([A-Za-z_][\w.:-]*)="([^"]*)"/.exec(xml.slice(position));
      if (!attribute) break;
      if (attribute[1]! in element.attributes) throw new Error(`Duplicate attribute ${attribute[1]}`);
      element.attributes[attribute[1]!] = decode(attribute[2]!, position);
      position += attribute[0].length;
    }
    const close = /^\s*(\/?)>/.exec(xml.slice(position));
    if (!close) throw new Error(`Unclosed tag <${tagName}> near ${position}`);
    position += close[0].length;
    if (current) current.children.push(element);
    else if (root) throw new Error("Second root element");
    else root = element;
    if (close[1] !== "/") stack.push(element);
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1]!.name}> is not closed`);
  if (!root) throw new Error("No root element");
  return root;
}

/** Children with this name. */
export const childrenNamed = (element: XmlElement, name: string) => element.children.filter((c) => c.name === name);

/** Text of the first child with this name. */
export function childText(element: XmlElement, name: string) {
  return element.children.find((c) => c.name === name)?.text;
}
