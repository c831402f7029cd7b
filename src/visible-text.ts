/**
 * Text a user typed (a label, a title, a file name) shown where a terminal, a spreadsheet or a log
 * viewer reads it. Control characters are made visible (`ESC]0;...BEL` would retitle a terminal,
 * `ESC[2J` clear it): C0, DEL and C1 controls and the line and paragraph separators U+2028/U+2029
 * become `\xNN` / `\uNNNN`; a backslash stays itself. Everything else, any script or emoji, is kept.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function visible(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * A CSV cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, TAB or CR first) gets a leading
 * apostrophe, as OWASP's CSV injection guidance asks; the caller quotes the cell.
 */
export function defusedCsvText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
