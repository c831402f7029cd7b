/**
 * The first key that appears twice in one object of a JSON text, or undefined. JSON.parse keeps the last
 * silently, so `{"lr":0.1,"lr":10}` would draw 10 where the text form refuses `lr` given twice. Called on
 * text JSON.parse already accepted, so the scan needs only to follow strings, objects and arrays; it is
 * one pass, linear in the text.
 */
export function duplicateKey(text: string): string | undefined {
  // For each open object its keys so far; null for an open array.
  const open: (Set<string> | null)[] = [];
  let expectingKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      for (i++; text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c /* \ */) i++;
      const top = open[open.length - 1];
      if (expectingKey && top) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        if (top.has(key)) return key;
        top.add(key);
      }
      expectingKey = false;
    } else if (c === 0x7b /* { */) {
      open.push(new Set());
      expectingKey = true;
    } else if (c === 0x5b /* [ */) {
      open.push(null);
      expectingKey = false;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      open.pop();
    } else if (c === 0x2c /* , */) {
      expectingKey = open[open.length - 1] != null;
    }
  }
  return undefined;
}
