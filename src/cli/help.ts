/** Commander's accumulator for repeatable options. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** An "Examples:" block for --help. */
export function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}
